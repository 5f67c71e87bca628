package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the database refuses to anyone, the payout job included: a reward's facts are final and it is never deleted. */
class RewardLedgerGuardsTest extends DatabaseTest {

    private LedgerFixture ledger;
    private long reward;

    @BeforeEach
    void oneReward() {
        ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0001");
        ledger.payableWorker(2, "0001");
        reward = ledger.reward(1, 5_000, "2026-11-20");
    }

    @Test
    void aRewardsAmountNeverChanges() {
        assertThatThrownBy(() -> jdbc.update("update reward set amount_yen = 6000 where id = ?", reward))
                .hasMessageContaining("reward " + reward + ": its amount, worker, confirmation date and id never change");
    }

    @Test
    void aRewardsWorkerNeverChanges() {
        assertThatThrownBy(() -> jdbc.update("update reward set worker_id = 2 where id = ?", reward))
                .hasMessageContaining("reward " + reward + ": its amount, worker, confirmation date and id never change");
    }

    @Test
    void aRewardsConfirmationDateNeverChanges() {
        assertThatThrownBy(() -> jdbc.update("update reward set confirmed_on = date '2026-11-21' where id = ?", reward))
                .hasMessageContaining("reward " + reward + ": its amount, worker, confirmation date and id never change");
    }

    @Test
    void aRewardIsNeverDeleted() {
        assertThatThrownBy(() -> jdbc.update("delete from reward where id = ?", reward))
                .hasMessageContaining("reward " + reward + " cannot be deleted");
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
    }

    @Test
    void theGuardsLetAnUpdateWriteNothingButItself() {
        // given: an update that every guard lets pass
        String update = "update reward set status = status where id = " + reward;
        // when
        String plan = String.join("\n", jdbc.queryForList("explain (analyze, wal, costs off) " + update, String.class));
        // then: one WAL record, the update's own. A BEFORE ROW trigger on reward, whatever its WHEN, makes PostgreSQL
        // lock the row before updating it: a second record, and with it the page's image after a checkpoint, for every
        // reward a night settles
        assertThat(plan).contains("WAL: records=1 ");
    }

    @Test
    void theDatabaseAloneRecordsWhichTransactionInsertedAReward() {
        // when / then: a forged transaction id would put the reward in the scope of a run that never saw it
        assertThatThrownBy(() -> jdbc.update("insert into reward (worker_id, amount_yen, confirmed_on, inserted_xid)"
                + " values (1, 100, date '2026-11-20', '3')"))
                .hasMessageContaining("reward.inserted_xid is set by the database");
        assertThat(jdbc.queryForObject("select inserted_xid is not null from reward where id = ?", Boolean.class, reward)).isTrue();
    }
}

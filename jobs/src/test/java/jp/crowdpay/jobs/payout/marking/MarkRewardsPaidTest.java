package jp.crowdpay.jobs.payout.marking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.test.context.TestPropertySource;

/**
 * The paid rewards are marked after the paying step, by ranges of reward ids: every reward of a
 * paid worker is marked with its payout, nothing else is touched, and a payout whose marked
 * rewards are not the balance it paid stops the run before the bank file is written. The place
 * is set, not chosen: a ledger of a few workers with ids far apart would be marked in its chunks.
 */
@TestPropertySource(properties = "payout.mark-paid=by-ranges")
class MarkRewardsPaidTest extends DatabaseTest {

    private static final String DATE = "2026-11-25";

    private LedgerFixture ledger;

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
    }

    /** Hangs instead of failing if the marking walked every id of the gap: the timeout turns that into a failure. */
    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void marksEveryRewardOfAPaidWorkerWhateverGapsLieBetweenTheirIds() {
        // given: ids at both ends of bigint and in between; ranges of 100,000 ids could never walk the gaps
        ledger.payableWorker(1, "0001");
        ledger.payableWorker(2, "0001");
        ledger.reward(Long.MIN_VALUE, 1, 600, "2026-11-01");
        ledger.reward(7, 1, 400, "2026-11-02");
        ledger.reward(Long.MAX_VALUE, 1, 1_000, "2026-11-03");
        ledger.reward(8, 2, 999, "2026-11-04"); // below the 1,000-yen threshold: carried forward
        // when
        Captured run = executeCapturing("payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts(DATE)).singleElement().satisfies(payout -> {
            assertThat(payout).containsEntry("worker_id", 1L).containsEntry("reward_count", 3)
                    .containsEntry("gross_yen", 2_000L);
        });
        assertThat(ledger.statusAndPayoutWorker(Long.MIN_VALUE)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(7)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(Long.MAX_VALUE)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(8)).isEqualTo("UNPAID -");
    }

    @Test
    void leavesRewardsOutsideTheRunUnpaidAmongThoseItMarks() {
        // given: worker 1 is paid; one of their rewards is confirmed after the business date
        ledger.payableWorker(1, "0001");
        ledger.reward(10, 1, 1_500, "2026-11-25"); // the business date: in the run
        ledger.reward(11, 1, 700, "2026-11-26"); // the day after: the next night's
        ledger.reward(12, 1, 2_000, "2026-05-29"); // deadline 2026-11-25, the business date: still payable
        ledger.reward(13, 1, 3_000, "2026-05-28"); // deadline 2026-11-24, the day before: expired tonight
        // when
        Captured run = executeCapturing("payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts(DATE)).singleElement().satisfies(payout ->
                assertThat(payout).containsEntry("reward_count", 2).containsEntry("gross_yen", 3_500L));
        assertThat(ledger.statusAndPayoutWorker(10)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(11)).isEqualTo("UNPAID -");
        assertThat(ledger.statusAndPayoutWorker(12)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(13)).isEqualTo("EXPIRED -");
    }

    /**
     * The after-update triggers of the rewards run where the foreign-key checks of a range run: at
     * the end of the range's statement. The test trigger fails the run if by then the range's
     * transaction has already updated the run's row, which it would then hold locked through every
     * check, and a partition ending a range meanwhile would wait for them.
     */
    @Test
    void aRangeUpdatesTheRunsTotalsOnlyOnceItsRewardsChecksAreDone() {
        // given a reward to mark paid and one to expire
        ledger.payableWorker(1, "0001");
        ledger.reward(30, 1, 1_500, "2026-11-20");
        ledger.reward(31, 1, 900, "2026-05-01");
        // when
        Captured run = executeWithTestTrigger("after update", "reward", """
                if exists (select 1 from payout_run where xmin = pg_current_xact_id()::xid) then
                    raise exception 'the run''s row was updated before the checks of reward %', new.id;
                end if;""", "payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.statusAndPayoutWorker(30)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(31)).isEqualTo("EXPIRED -");
        assertThat(jdbc.queryForMap("select expired_count, expired_yen, marked_rewards, marked_yen from payout_run"))
                .containsEntry("expired_count", 1L).containsEntry("expired_yen", new BigDecimal("900"))
                .containsEntry("marked_rewards", 1L).containsEntry("marked_yen", new BigDecimal("1500"));
    }

    /**
     * What is simulated: a paying step that recorded a payout of more rewards than the worker had
     * (a test-only trigger adds one to every payout's count). The marking finds one reward fewer
     * than the payout says, and the run fails before any bank file exists.
     */
    @Test
    void aPayoutWhoseMarkedRewardsAreNotItsBalanceStopsTheRunBeforeTheBankFile() throws Exception {
        // given
        ledger.payableWorker(1, "0001");
        ledger.reward(20, 1, 1_200, "2026-11-20");
        ledger.reward(21, 1, 800, "2026-11-21");
        // when
        Captured run = executeWithTestTrigger("before insert", "payout", "new.reward_count = new.reward_count + 1;",
                "payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("the rewards marked paid are not what the payouts paid: [payout ")
                .contains("(worker 1) paid 3 rewards / 2000 yen but 2 rewards / 2000 yen are marked with it");
        assertThat(Files.exists(Path.of(OUTBOX, "payout-20261125.csv"))).isFalse();
        assertThat(jdbc.queryForObject("select completed_at is null from payout_run", Boolean.class)).isTrue();
    }

    @Test
    void theDatabaseRefusesASecondUnfinishedRun() {
        // given: the run of the 24th is unfinished; its payouts may be recorded with their rewards not yet marked
        jdbc.update("""
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen)
                values (date '2026-11-24', 0, 0, 0)""");
        // when / then: a run of the 25th would see those rewards as unpaid and pay them again
        assertThatThrownBy(() -> jdbc.update("""
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen)
                values (date '2026-11-25', 0, 0, 0)"""))
                .hasMessageContaining("payout_run_one_unfinished");
        jdbc.update("update payout_run set completed_at = now(), unpaid_after_count = 0, unpaid_after_yen = 0");
        assertThat(jdbc.update("""
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen)
                values (date '2026-11-25', 0, 0, 0)""")).isOne();
    }
}

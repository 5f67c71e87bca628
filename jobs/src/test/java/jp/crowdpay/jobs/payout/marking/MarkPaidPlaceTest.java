package jp.crowdpay.jobs.payout.marking;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * With {@code payout.mark-paid: auto} (the default) a night marks its paid rewards in the paying
 * chunks where each chunk's rewards lie in a band of ids of their own, and by ranges of ids where
 * they are spread over the table; either way every reward of a paid worker is marked with its
 * payout, and nothing else. Chunks of 2 workers, ranges of at least 500,000 ids: the ledgers
 * below spread a few rewards over millions of ids so that the scope is more than one range.
 */
class MarkPaidPlaceTest extends DatabaseTest {

    private static final String DATE = "2026-11-25";

    private LedgerFixture ledger;

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
    }

    private String marksPaid() {
        return jdbc.queryForObject("select marks_paid from payout_run", String.class);
    }

    private String markedTotals() {
        return jdbc.queryForObject("select marked_rewards || ' rewards ' || marked_yen || ' yen' from payout_run", String.class);
    }

    /** The settling's ranges of one pass ({@code expiry} or {@code marking}), each a partition that committed once. */
    private long settlingRanges(String pass) {
        return jdbc.queryForObject("""
                select count(*) from batch_step_execution
                where step_name like 'settleRewardRangeStep:' || ? || '%' and status = 'COMPLETED' and commit_count = 1""",
                Long.class, pass);
    }

    /** Workers 1-4; worker w's rewards on ids w,000,001 and up. Workers 1-3 have 1,000 yen, worker 4 has 999. */
    private void ledgerWhoseIdsFollowWorkers() {
        for (long worker = 1; worker <= 4; worker++) {
            ledger.payableWorker(worker, "0001");
            ledger.reward(worker * 1_000_000 + 1, worker, 600, "2026-11-01");
            ledger.reward(worker * 1_000_000 + 2, worker, worker == 4 ? 399 : 400, "2026-11-02");
        }
        ledger.reward(2_000_003, 2, 700, "2026-11-26"); // the day after the business date: the next night's
        ledger.reward(3_000_003, 3, 3_000, "2026-05-28"); // deadline 2026-11-24, the day before: expired tonight
    }

    @Test
    void marksInThePayingChunksWhereEachChunksRewardsLieInABandOfIdsOfTheirOwn() {
        // given: 2 chunks; the first one's rewards span 1,000,002 ids of the scope's 3,000,002
        ledgerWhoseIdsFollowWorkers();
        // when
        Captured run = executeCapturing("payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(marksPaid()).isEqualTo("IN_CHUNKS");
        assertThat(ledger.payouts(DATE)).extracting(payout -> payout.get("worker_id") + " " + payout.get("reward_count")
                + " " + payout.get("gross_yen") + " " + payout.get("amount_yen"))
                .containsExactly("1 2 1000 500", "2 2 1000 500", "3 2 1000 500");
        assertThat(ledger.statusAndPayoutWorker(1_000_001)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(2_000_002)).isEqualTo("PAID 2");
        assertThat(ledger.statusAndPayoutWorker(2_000_003)).isEqualTo("UNPAID -");
        assertThat(ledger.statusAndPayoutWorker(3_000_002)).isEqualTo("PAID 3");
        assertThat(ledger.statusAndPayoutWorker(3_000_003)).isEqualTo("EXPIRED -");
        assertThat(ledger.statusAndPayoutWorker(4_000_001)).isEqualTo("UNPAID -"); // 999 yen: carried forward
        assertThat(ledger.statusAndPayoutWorker(4_000_002)).isEqualTo("UNPAID -");
        assertThat(markedTotals()).isEqualTo("6 rewards 3000 yen");
        // no range to mark, only the proof; the expiry cut the ids up to the highest that expires
        // (1,000,001 to 3,000,003, not the fourth band) into four ranges of 500,001: two for each settling thread
        assertThat(settlingRanges("marking")).isZero();
        assertThat(settlingRanges("expiry")).isEqualTo(4);
    }

    @Test
    void marksByRangesWhereEveryChunksRewardsAreSpreadOverTheTable() {
        // given: 6 workers, 3 chunks; worker w's rewards on ids w and 3,000,000 + w, so that each chunk spans the scope
        for (long worker = 1; worker <= 6; worker++) {
            ledger.payableWorker(worker, "0001");
            ledger.reward(worker, worker, 600, "2026-11-01");
            ledger.reward(3_000_000 + worker, worker, worker == 6 ? 399 : 400, "2026-11-02");
        }
        // when
        Captured run = executeCapturing("payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(marksPaid()).isEqualTo("BY_RANGES");
        assertThat(ledger.payouts(DATE)).extracting(payout -> payout.get("worker_id") + " " + payout.get("gross_yen"))
                .containsExactly("1 1000", "2 1000", "3 1000", "4 1000", "5 1000");
        assertThat(ledger.statusAndPayoutWorker(1)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(3_000_005)).isEqualTo("PAID 5");
        assertThat(ledger.statusAndPayoutWorker(6)).isEqualTo("UNPAID -");
        assertThat(ledger.statusAndPayoutWorker(3_000_006)).isEqualTo("UNPAID -");
        assertThat(markedTotals()).isEqualTo("10 rewards 5000 yen");
        // ids 1 to 3,000,006 in 6 ranges of 500,001, three for each settling thread (at most), a transaction each
        assertThat(settlingRanges("marking")).isEqualTo(6);
    }

    /**
     * What is simulated: the ledger changes between the chunk's reading and its marking (a
     * test-only trigger expires the lowest reward of each worker as its payout is recorded). The
     * chunk finds fewer unpaid rewards than its payouts paid, is tried again from its savepoint,
     * and after the last try the run fails with nothing of the chunk recorded.
     */
    @Test
    void aChunkThatFindsFewerUnpaidRewardsThanItsPayoutsPaidRecordsNothingAndFailsTheRun() {
        // given
        ledgerWhoseIdsFollowWorkers();
        // when
        Captured run = executeWithTestTrigger("after insert", "payout", """
                update reward set status = 'EXPIRED', expired_by_run_id = new.run_id
                where id = (select min(id) from reward where worker_id = new.worker_id and status = 'UNPAID');""",
                "payout", "--date", DATE);
        // then: workers 1 and 2 each lost their 600-yen reward after the chunk read 2 rewards / 1,000 yen of each
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("the chunk's payouts paid 4 rewards / 2000 yen but 2 rewards / 800 yen were unpaid to mark");
        assertThat(jdbc.queryForObject("select count(*) from payout", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select string_agg(id || ' ' || status, ', ') from reward where status <> 'UNPAID'",
                String.class)).isNull(); // nothing expired either: the expiry comes with the settling, after the paying
        assertThat(Files.exists(Path.of(OUTBOX, "payout-20261125.csv"))).isFalse();
    }

    /**
     * What is simulated: a paying chunk that recorded payouts of one reward more than their
     * workers had (a test-only trigger adds one to every payout's count). The chunk marked what
     * it read, and the proof after the paying step finds the payouts' counts above the run's
     * marked rewards: no bank file is written.
     */
    @Test
    void aPayoutRecordedWithMoreRewardsThanItsChunkMarkedStopsTheRunBeforeTheBankFile() {
        // given
        ledgerWhoseIdsFollowWorkers();
        // when
        Captured run = executeWithTestTrigger("before insert", "payout", "new.reward_count = new.reward_count + 1;",
                "payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(marksPaid()).isEqualTo("IN_CHUNKS");
        assertThat(run.err()).contains("the rewards marked paid are not what the payouts paid: [payout ")
                .contains("(worker 1) paid 3 rewards / 1000 yen but 2 rewards / 1000 yen are marked with it");
        assertThat(Files.exists(Path.of(OUTBOX, "payout-20261125.csv"))).isFalse();
    }
}

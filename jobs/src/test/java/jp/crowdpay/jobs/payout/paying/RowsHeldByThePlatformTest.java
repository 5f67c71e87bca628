package jp.crowdpay.jobs.payout.paying;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.PlatformSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * A platform transaction holds one worker's row, or bank account, while the night runs: the
 * night waits for it at most the lock timeout per try, sets the worker aside, tries it again
 * later in the night, and completes whatever the platform does. Three tries here (the chunk's
 * and 2 retries), each waiting up to 2 s, 1 s apart.
 */
@TestPropertySource(properties = {
        "payout.platform-lock-timeout=2s",
        "payout.locked-rows.retries=2",
        "payout.locked-rows.pause=1s"})
@Tag(Tiers.PROCESS)
class RowsHeldByThePlatformTest extends DatabaseTest {

    private static final String DATE = "2026-11-25";

    private LedgerFixture ledger;

    /** Workers 1 to 3 paid on demand at bank 0001 (fee 500 yen): 5,000, 7,000 (two rewards) and 6,000 yen. */
    @BeforeEach
    void threePayableWorkers() {
        ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0001");
        ledger.payableWorker(2, "0001");
        ledger.payableWorker(3, "0001");
        ledger.reward(1, 5_000, "2026-11-20");
        ledger.reward(2, 3_000, "2026-11-20");
        ledger.reward(2, 4_000, "2026-11-21");
        ledger.reward(3, 6_000, "2026-11-22");
    }

    @Test
    void aWorkerRowHeldThroughTheLastTryIsCarriedForwardAsRowsLockedAndEveryoneElseIsPaid() throws Exception {
        Captured run;
        int holder;
        // given: a platform transaction renames worker 2 and stays open all night
        try (PlatformSession platform = new PlatformSession().execute("update worker set display_name = 'renamed' where id = 2")) {
            holder = platform.pid();
            // when
            run = executeCapturing("payout", "--date", DATE);
        }
        // then: the night completed and proved its totals; worker 2 is the only one not paid
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts(DATE)).extracting(row -> row.get("worker_id"), row -> row.get("gross_yen"), row -> row.get("amount_yen"))
                .containsExactly(tuple(1L, 5_000L, 4_500L), tuple(3L, 6_000L, 5_500L));
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason || ' ' || balance_yen || ' ' || detail from payout_exception",
                String.class)).containsExactly("2 ROWS_LOCKED 7000 its worker row was held at each of 3 tries of the night"
                + " (each waiting up to 2000 ms), at the last by pid " + holder + " '" + PlatformSession.APPLICATION_NAME + "'");
        assertThat(jdbc.queryForList("select outcome || ' ' || workers || ' ' || balance_yen from payout_run_tally order by outcome",
                String.class)).containsExactly("PAID 2 11000", "ROWS_LOCKED 1 7000");
        // its rewards untouched, nobody left set aside
        assertThat(jdbc.queryForList("select status from reward where worker_id = 2", String.class)).containsExactly("UNPAID", "UNPAID");
        assertThat(jdbc.queryForObject("select count(*) from payout_locked_worker", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select unpaid_after_yen from payout_run", Long.class)).isEqualTo(7_000L);
        assertThat(run.out()).contains("    ROWS_LOCKED            1 workers  7,000 yen");
        assertThat(Files.readString(Path.of(OUTBOX, "payout-20261125.csv"), Charset.forName("Windows-31J")))
                .isEqualTo("0001,101,1,0000001,ﾃｽﾄ ﾀﾛｳ,4500,0000000001\r\n0001,101,1,0000003,ﾃｽﾄ ﾀﾛｳ,5500,0000000003\r\n");
        // and the next night, the platform long done, pays it
        Captured next = executeCapturing("payout", "--date", "2026-11-26");
        assertThat(next.exitCode()).as(next.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts("2026-11-26")).extracting(row -> row.get("worker_id"), row -> row.get("gross_yen"))
                .containsExactly(tuple(2L, 7_000L));
    }

    /**
     * The opening waits for status changes by others in flight (its snapshot must count them as
     * they end): at most the lock timeout per try, as often as a worker's rows are tried.
     */
    @Test
    void aStatusChangeByAnotherTransactionUncommittedThroughTheLastTryFailsTheRunTouchingNothingAndTheSameCommandPaysLater()
            throws Exception {
        // given: an earlier night, and a hand expiry of worker 3's reward in a transaction left open
        long earlierRun = jdbc.queryForObject("""
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen,
                                        unpaid_after_count, unpaid_after_yen, completed_at)
                values (date '2026-10-01', 0, 0, 0, 0, 0, now()) returning id""", Long.class);
        Captured run;
        int holder;
        try (PlatformSession platform = new PlatformSession().execute(
                "update reward set status = 'EXPIRED', expired_by_run_id = " + earlierRun + " where worker_id = 3")) {
            holder = platform.pid();
            // when
            run = executeCapturing("payout", "--date", DATE);
        }
        // then: the run failed before it opened, naming the holder
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).isEqualTo("error: the payout for " + DATE + " ended FAILED: the run of " + DATE + " could not open:"
                + " reward statuses changed by pid " + holder + " '" + PlatformSession.APPLICATION_NAME + "' had not committed"
                + " at any of 3 tries, each waiting up to 2000 ms (payout_scope_guard); the run opens once such a change has"
                + " committed or rolled back; run the same command again to continue it\n");
        assertThat(jdbc.queryForObject("select count(*) from payout_run where business_date = ?::date", Long.class, DATE)).isZero();
        // and once the change rolled back, the same command pays everyone
        Captured again = executeCapturing("payout", "--date", DATE);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts(DATE)).extracting(row -> row.get("worker_id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aBankAccountHeldPastTheFirstTryButReleasedBeforeTheLastIsPaidLaterInTheNight() throws Exception {
        CompletableFuture<Captured> night;
        // given: a platform transaction edits worker 2's bank account
        try (PlatformSession platform = new PlatformSession().execute("update bank_account set payee_name = payee_name where worker_id = 2")) {
            // when: the night sets worker 2 aside at its chunk's try, and the platform commits during the pause
            night = CompletableFuture.supplyAsync(() -> executeCapturing("payout", "--date", DATE));
            Await.until("worker 2 is set aside", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                    "select count(*) from payout_locked_worker where worker_id = 2 and tries = 1 and locked_table = 'bank_account'",
                    Long.class) == 1);
            assertThat(night).isNotDone();
            platform.commit();
        }
        Captured run = night.get(60, TimeUnit.SECONDS);
        // then: paid at its second try, exact yen, and not carried forward
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts(DATE)).extracting(row -> row.get("worker_id"), row -> row.get("gross_yen"), row -> row.get("amount_yen"))
                .containsExactly(tuple(1L, 5_000L, 4_500L), tuple(2L, 7_000L, 6_500L), tuple(3L, 6_000L, 5_500L));
        assertThat(jdbc.queryForObject("select count(*) from payout_exception", Long.class)).isZero();
        assertThat(jdbc.queryForList("select status from reward where worker_id = 2", String.class)).containsExactly("PAID", "PAID");
        assertThat(jdbc.queryForObject("select count(*) from payout_locked_worker", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select workers from payout_run_tally where outcome = 'PAID'", Long.class)).isEqualTo(3);
    }
}

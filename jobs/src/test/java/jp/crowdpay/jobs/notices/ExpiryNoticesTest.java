package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import java.util.List;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The notices of one night after its payout: who is warned, at which threshold, with how many
 * yen and which reason; the file's exact bytes. Withdrawal period 180 days, thresholds 30, 7, 1.
 */
class ExpiryNoticesTest extends DatabaseTest {

    static final String NIGHT = "2026-11-20";

    private NoticesFixture notices;
    private LedgerFixture ledger;

    @BeforeEach
    void fixture() {
        notices = new NoticesFixture(this::executeCapturing, jdbc, Path.of(OUTBOX));
        ledger = notices.ledger();
    }

    @Test
    void eachWorkerIsWarnedAtTheTightestThresholdTheirEarliestDeadlineReaches() throws IOException {
        // given: workers below the on-demand threshold, their one reward due in 31, 30, 8, 7, 1 and 0 days
        int[] daysLeft = {31, 30, 8, 7, 1, 0};
        for (int worker = 1; worker <= daysLeft.length; worker++) {
            ledger.payableWorker(worker, "0036");
            notices.dueIn(worker, 100 * worker, daysLeft[worker - 1], NIGHT);
        }
        notices.payout(NIGHT);
        // when
        DatabaseTest.Captured run = executeCapturing("notify-expiring", "--date", NIGHT);
        // then: no notice at 31 days; 0 days left (the last payable day) is the 1-day notice
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        String expected = """
                {"schema_version":1,"worker_id":2,"business_date":"2026-11-20","earliest_deadline":"2026-12-20","days_left":30,"threshold_days":30,"yen_at_risk":200,"reason":"BELOW_THRESHOLD","login_locked":false}
                {"schema_version":1,"worker_id":3,"business_date":"2026-11-20","earliest_deadline":"2026-11-28","days_left":8,"threshold_days":30,"yen_at_risk":300,"reason":"BELOW_THRESHOLD","login_locked":false}
                {"schema_version":1,"worker_id":4,"business_date":"2026-11-20","earliest_deadline":"2026-11-27","days_left":7,"threshold_days":7,"yen_at_risk":400,"reason":"BELOW_THRESHOLD","login_locked":false}
                {"schema_version":1,"worker_id":5,"business_date":"2026-11-20","earliest_deadline":"2026-11-21","days_left":1,"threshold_days":1,"yen_at_risk":500,"reason":"BELOW_THRESHOLD","login_locked":false}
                {"schema_version":1,"worker_id":6,"business_date":"2026-11-20","earliest_deadline":"2026-11-20","days_left":0,"threshold_days":1,"yen_at_risk":600,"reason":"BELOW_THRESHOLD","login_locked":false}
                """;
        assertThat(notices.file(NIGHT)).isEqualTo(expected);
        Path file = notices.path(NIGHT);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(Files.readString(Path.of(file + ".manifest.json"))).isEqualTo("""
                {
                  "business_date": "2026-11-20",
                  "file": "expiry-20261120.jsonl",
                  "records": 5,
                  "yen_at_risk": 2000,
                  "sha256": "%s"
                }
                """.formatted(Outbox.sha256(file)));
        assertThat(run.out()).contains("Expiry notices of 2026-11-20 (thresholds 30, 7, 1 days): 5 notices, 2,000 yen at risk")
                .contains("  threshold  30 days  2 notices, 500 yen at risk")
                .contains("  threshold   7 days  1 notice, 400 yen at risk")
                .contains("  threshold   1 days  2 notices, 1,100 yen at risk")
                .contains("  BELOW_THRESHOLD        5 notices, 2,000 yen at risk")
                .contains("  login locked           0 (their notices go to support too)")
                .contains("  file                   notices/expiry-20261120.jsonl (sha256 " + Outbox.sha256(file) + ")");
    }

    @Test
    void theYenAtRiskAreTheRewardsDueWithinTheThresholdOfTheEarliestDeadline() {
        // given: rewards due in 5, 7, 20 and 60 days, and one past its deadline that the night expires
        ledger.worker(1, "CARRY_OVER");
        notices.dueIn(1, 200, 5, NIGHT);
        notices.dueIn(1, 300, 7, NIGHT);
        notices.dueIn(1, 400, 20, NIGHT);
        notices.dueIn(1, 500, 60, NIGHT);
        notices.dueIn(1, 700, -1, NIGHT);
        notices.payout(NIGHT);
        // when
        notices.notify(NIGHT);
        // then: the 7-day notice, for the 200 + 300 yen due by 2026-11-27
        assertThat(notices.file(NIGHT)).isEqualTo("""
                {"schema_version":1,"worker_id":1,"business_date":"2026-11-20","earliest_deadline":"2026-11-25","days_left":5,"threshold_days":7,"yen_at_risk":500,"reason":"CARRY_OVER_METHOD","login_locked":false}
                """);
        assertThat(jdbc.queryForList("select r.amount_yen from expiry_notice_reward n join reward r on r.id = n.reward_id"
                + " order by r.amount_yen", Long.class)).containsExactly(200L, 300L);
    }

    @Test
    void aWorkerPaidTonightIsNotWarned() {
        // given: both due in 3 days; worker 2 is on payout hold
        ledger.payableWorker(1, "0036");
        ledger.payableWorker(2, "0036");
        ledger.onHold(2);
        notices.dueIn(1, 5_000, 3, NIGHT);
        notices.dueIn(2, 5_000, 3, NIGHT);
        notices.payout(NIGHT);
        // when
        notices.notify(NIGHT);
        // then
        assertThat(ledger.payouts(NIGHT)).hasSize(1);
        assertThat(notices.recorded()).containsExactly("2026-11-20 2 2026-11-23 3 7 5000 PAYOUT_HOLD false");
    }

    @Test
    void theReasonIsTheCarryForwardTheNightRecorded() {
        // given: each due in 10 days
        ledger.payableWorker(1, "0036");
        notices.dueIn(1, 999, 10, NIGHT);
        ledger.worker(2, "CARRY_OVER");
        notices.dueIn(2, 5_000, 10, NIGHT);
        ledger.payableWorker(3, "0036").onHold(3);
        notices.dueIn(3, 5_000, 10, NIGHT);
        ledger.worker(4, "ON_DEMAND");
        notices.dueIn(4, 5_000, 10, NIGHT);
        ledger.worker(5, "ON_DEMAND").account(5, "0036", "101", 1, "12", "ﾃｽﾄ ﾀﾛｳ");
        notices.dueIn(5, 5_000, 10, NIGHT);
        ledger.worker(6, "ON_DEMAND").account(6, "0036", "101", 1, "0000006", "-(1)/2");
        notices.dueIn(6, 5_000, 10, NIGHT);
        ledger.payableWorker(7, "0036");
        jdbc.update("update worker set withdrawal_method = 'MIN_50000' where id = 7");
        notices.dueIn(7, 49_999, 10, NIGHT);
        notices.payout(NIGHT);
        // when
        notices.notify(NIGHT);
        // then
        assertThat(notices.recorded()).containsExactly(
                "2026-11-20 1 2026-11-30 10 30 999 BELOW_THRESHOLD false",
                "2026-11-20 2 2026-11-30 10 30 5000 CARRY_OVER_METHOD false",
                "2026-11-20 3 2026-11-30 10 30 5000 PAYOUT_HOLD false",
                "2026-11-20 4 2026-11-30 10 30 5000 NO_BANK_ACCOUNT false",
                "2026-11-20 5 2026-11-30 10 30 5000 INVALID_BANK_ACCOUNT false",
                "2026-11-20 6 2026-11-30 10 30 5000 INVALID_PAYEE_NAME false",
                "2026-11-20 7 2026-11-30 10 30 49999 BELOW_THRESHOLD false");
    }

    @Test
    void lockedOutWorkersAreFlaggedAndThoseOnlySupportCanUnlockAreListedWithinTheSmallestThreshold() {
        // given: all on carry-over; 1 not locked, 2 locked once (the lock release frees it), 3 locked
        // automatically for the 6th time in 30 days (needs support), 4 locked by staff; all due
        // tomorrow; 5 locked by staff too but due in 7 days
        for (long worker = 1; worker <= 5; worker++) {
            ledger.worker(worker, "CARRY_OVER");
            notices.dueIn(worker, 1_000 * worker, worker == 5 ? 7 : 1, NIGHT);
        }
        notices.locked(2, "FAILED_ATTEMPTS", 0);
        notices.locked(3, "FAILED_ATTEMPTS", 5);
        notices.locked(4, "ADMIN", 0);
        notices.locked(5, "SECURITY", 0);
        notices.payout(NIGHT);
        // when
        DatabaseTest.Captured run = executeCapturing("notify-expiring", "--date", NIGHT);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(notices.recorded()).containsExactly(
                "2026-11-20 1 2026-11-21 1 1 1000 CARRY_OVER_METHOD false",
                "2026-11-20 2 2026-11-21 1 1 2000 CARRY_OVER_METHOD true",
                "2026-11-20 3 2026-11-21 1 1 3000 CARRY_OVER_METHOD true",
                "2026-11-20 4 2026-11-21 1 1 4000 CARRY_OVER_METHOD true",
                "2026-11-20 5 2026-11-27 7 7 5000 CARRY_OVER_METHOD true");
        assertThat(jdbc.queryForList("select worker_id || ' ' || yen_at_risk || ' ' || lock_reason || ' ' || support_lock"
                + " from expiry_support_listing order by worker_id", String.class)).containsExactly(
                "3 3000 FAILED_ATTEMPTS NEEDS_SUPPORT", "4 4000 ADMIN STAFF_LOCK");
        assertThat(run.out())
                .contains("  login locked           4 (their notices go to support too)")
                .contains("  for support            2 locked out with yen at risk within 1 day that the lock release does not unlock:")
                .contains("    worker 3  NEEDS_SUPPORT (FAILED_ATTEMPTS)  3,000 yen at risk  deadline 2026-11-21 (1 day left)")
                .contains("    worker 4  STAFF_LOCK (ADMIN)  4,000 yen at risk  deadline 2026-11-21 (1 day left)");
        assertThat(notices.file(NIGHT)).contains("\"worker_id\":4,").doesNotContain("worker 4");
        // staff locks are listed, never released
        assertThat(jdbc.queryForList("select lock_reason from login_account order by id", String.class))
                .containsExactly("FAILED_ATTEMPTS", "FAILED_ATTEMPTS", "ADMIN", "SECURITY");
    }

    @Test
    void theSameDateTwiceWritesNothingNew() throws IOException {
        // given
        ledger.worker(1, "CARRY_OVER");
        notices.dueIn(1, 1_000, 7, NIGHT);
        notices.payout(NIGHT);
        notices.notify(NIGHT);
        String first = notices.file(NIGHT);
        Object inode = Files.getAttribute(notices.path(NIGHT), "unix:ino");
        // when
        DatabaseTest.Captured again = executeCapturing("notify-expiring", "--date", NIGHT);
        // then
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).startsWith("The notices of 2026-11-20 were recorded already; nothing new was written.")
                .contains("1 notice, 1,000 yen at risk");
        assertThat(notices.file(NIGHT)).isEqualTo(first);
        assertThat(Files.getAttribute(notices.path(NIGHT), "unix:ino")).isEqualTo(inode);
        assertThat(notices.recorded()).hasSize(1);
        assertThat(jdbc.queryForObject("select count(*) from expiry_notice_batch", Long.class)).isEqualTo(1);
    }

    @Test
    void consecutiveNightsSendTheThirtyDayNoticeOnceThenTheSevenDayOneWhenDue() {
        // given: a reward due on 2026-12-01, 30 days after 2026-11-01
        ledger.worker(1, "CARRY_OVER");
        notices.dueIn(1, 1_000, 30, "2026-11-01");
        // when
        for (String night : List.of("2026-11-01", "2026-11-02", "2026-11-23", "2026-11-24", "2026-11-25")) {
            notices.payout(night);
            notices.notify(night);
        }
        // then
        assertThat(notices.recorded()).containsExactly(
                "2026-11-01 1 2026-12-01 30 30 1000 CARRY_OVER_METHOD false",
                "2026-11-24 1 2026-12-01 7 7 1000 CARRY_OVER_METHOD false");
        assertThat(notices.file("2026-11-02")).isEmpty();
        assertThat(notices.file("2026-11-25")).isEmpty();
    }

    @Test
    void afterThreeSkippedNightsEachWorkerGetsOneNoticeAtTheTightestThreshold() {
        // given: on 2026-11-01, worker 1 is 9 days from a deadline, 2 is 31 and 3 is 4
        for (long worker = 1; worker <= 3; worker++) {
            ledger.worker(worker, "CARRY_OVER");
        }
        notices.dueIn(1, 1_000, 9, "2026-11-01");
        notices.dueIn(2, 2_000, 31, "2026-11-01");
        notices.dueIn(3, 3_000, 4, "2026-11-01");
        notices.payout("2026-11-01");
        notices.notify("2026-11-01");
        // when: nothing runs on the 2nd, 3rd and 4th (7, 30 and 1 days would have been reached)
        notices.payout("2026-11-05");
        notices.notify("2026-11-05");
        // then
        assertThat(notices.recorded()).containsExactly(
                "2026-11-01 1 2026-11-10 9 30 1000 CARRY_OVER_METHOD false",
                "2026-11-01 3 2026-11-05 4 7 3000 CARRY_OVER_METHOD false",
                "2026-11-05 1 2026-11-10 5 7 1000 CARRY_OVER_METHOD false",
                "2026-11-05 2 2026-12-02 27 30 2000 CARRY_OVER_METHOD false",
                "2026-11-05 3 2026-11-05 0 1 3000 CARRY_OVER_METHOD false");
    }

    @Test
    void refusedUntilThePayoutOfTheDateRanPointingToIt() {
        // given: no payout of the night yet
        ledger.worker(1, "CARRY_OVER");
        notices.dueIn(1, 1_000, 7, NIGHT);
        // when
        DatabaseTest.Captured refused = executeCapturing("notify-expiring", "--date", NIGHT);
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: no payout ran for 2026-11-20 yet; the notices describe what the night"
                + " decided: run it first (payout --date 2026-11-20), then them; nothing was written\n");
        assertThat(jdbc.queryForObject("select count(*) from expiry_notice_batch", Long.class)).isZero();
        assertThat(Path.of(OUTBOX, NoticeFile.FOLDER)).doesNotExist();
    }

    @Test
    void aNightThatNeverRanAskedAfterALaterNightWasPaidPointsToTheLaterNightsNotices() {
        // given: the night of the 20th never ran; the 21st was paid (so a payout of the 20th is refused now)
        ledger.worker(1, "CARRY_OVER");
        notices.dueIn(1, 1_000, 7, NIGHT);
        notices.payout("2026-11-21");
        assertThat(executeCapturing("payout", "--date", NIGHT).err()).contains("2026-11-20 lies in the past");
        // when
        DatabaseTest.Captured refused = executeCapturing("notify-expiring", "--date", NIGHT);
        DatabaseTest.Captured advised = executeCapturing("notify-expiring", "--date", "2026-11-21");
        DatabaseTest.Captured afterwards = executeCapturing("notify-expiring", "--date", NIGHT);
        // then: the advice works, and once followed the night is said to be covered
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: no payout ran for 2026-11-20, and the payout of 2026-11-21 has run"
                + " since, so 2026-11-20 needs none: the notices of 2026-11-21 (notify-expiring --date 2026-11-21) catch up"
                + " with it; nothing was written\n");
        assertThat(advised.exitCode()).as(advised.err()).isEqualTo(ExitCodes.OK);
        assertThat(notices.recorded()).containsExactly("2026-11-21 1 2026-11-27 6 7 1000 CARRY_OVER_METHOD false");
        assertThat(afterwards.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(afterwards.err()).isEqualTo("error: no payout ran for 2026-11-20, and the notices of 2026-11-21 are"
                + " recorded already and caught up with it: nothing is left to send for 2026-11-20; nothing was written\n");
    }

    @Test
    void aNightWhosePayoutDidNotCompleteIsRefusedUntilItDoes() {
        // given: the payout of the night opened and failed (a test trigger fails its first payout)
        ledger.worker(1, "ON_DEMAND").account(1, "0001", "101", 1, "0000001", "ﾃｽﾄ ﾀﾛｳ");
        ledger.reward(1, 5_000, "2026-11-01");
        Captured failed = executeWithTestTrigger("before insert", "payout", "raise exception 'the bank is down';",
                "payout", "--date", NIGHT);
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        // when
        DatabaseTest.Captured refused = executeCapturing("notify-expiring", "--date", NIGHT);
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: the payout of 2026-11-20 has not completed; the notices describe what"
                + " the night decided: finish it first (payout --date 2026-11-20), then run them; nothing was written\n");
        assertThat(executeCapturing("payout", "--date", NIGHT).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(executeCapturing("notify-expiring", "--date", NIGHT).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void anEarlierNightIsRefusedOnceALaterPayoutRan() {
        // given
        ledger.worker(1, "CARRY_OVER");
        notices.dueIn(1, 1_000, 7, NIGHT);
        notices.payout(NIGHT);
        notices.payout("2026-11-21");
        // when
        DatabaseTest.Captured refused = executeCapturing("notify-expiring", "--date", NIGHT);
        DatabaseTest.Captured future = executeCapturing("notify-expiring", "--date", "2999-01-01");
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: the payout of 2026-11-21 has run since 2026-11-20: its notices"
                + " (notify-expiring --date 2026-11-21) catch up with this night; nothing was written\n");
        assertThat(future.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(future.err()).startsWith("error: --date 2999-01-01 is after today (");
        assertThat(jdbc.queryForObject("select count(*) from expiry_notice_batch", Long.class)).isZero();
    }
}

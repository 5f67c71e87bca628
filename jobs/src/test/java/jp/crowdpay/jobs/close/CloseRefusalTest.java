package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.YearMonth;
import java.time.ZoneId;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * What close-month refuses, with exit 2 and nothing written: each refusal names its cause and
 * what to do. November's ledger: worker 1 (bank 0036, fee 100) 5,000 yen on 11-28, paid by the
 * night of 11-28; worker 2 (carry-over) 2,000 yen on 11-28, owed. The nights began on 11-28.
 */
class CloseRefusalTest extends DatabaseTest {

    private static final String[] MISSED = {"--missed-nights", "2026-11-01..2026-11-27"};

    @TempDir
    Path inbox;

    @Autowired
    private MeterRegistry registry;

    private CloseFixture close;

    @BeforeEach
    void fixture() {
        close = new CloseFixture(this::executeCapturing, jdbc, inbox);
        close.ledger().payableWorker(1, "0036").worker(2, "CARRY_OVER");
        close.ledger().reward(1, 5_000, "2026-11-28");
        close.ledger().reward(2, 2_000, "2026-11-28");
    }

    private void nothingWritten() {
        assertThat(jdbc.queryForObject("select count(*) from closed_month", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from closed_month_day", Long.class)).isZero();
        assertThat(Path.of(OUTBOX, "journal")).doesNotExist();
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    private Double gaugeOrNull(String name) {
        var gauge = registry.find(name).gauge();
        return gauge == null ? null : gauge.value();
    }

    @Test
    void aMonthWhoseLastNightFailedIsRefusedUntilThatNightIsCompleted() {
        // given: the night of 11-30 failed
        close.nights("2026-11-28", "2026-11-29");
        Captured failed = executeWithTestTrigger("before insert", "payout_run_tally",
                "raise exception 'the database went away';", "payout", "--date", "2026-11-30");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        Double failedBefore = gaugeOrNull("close.month.failed");
        // when
        Captured refused = close.close("2026-11", MISSED);
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: 2026-11 cannot close: the night of 2026-11-30 has not completed: continue it"
                + " with 'payout --date 2026-11-30'; nothing was written\n");
        nothingWritten();
        // a refusal is not a failed close: it is counted apart, and no failure is set
        assertThat(gauge("payout.jobs.refused")).isEqualTo(1.0);
        assertThat(gaugeOrNull("close.month.failed")).isEqualTo(failedBefore);

        // when: the night is completed, the same close
        close.night("2026-11-30");
        Captured closed = close.close("2026-11", MISSED);
        // then
        assertThat(closed.exitCode()).as(closed.err()).isEqualTo(ExitCodes.OK);
        assertThat(closed.out()).contains("  = closing liability                    2,000 yen in 1 reward");
        assertThat(gauge("close.month.failed")).isZero();
        assertThat(gauge("payout.jobs.refused")).isZero();
        assertThat(gauge("close.month.last.success.timestamp.seconds")).isPositive();
    }

    @Test
    void aMonthWithDatesNoNightRanForIsRefusedNamingThemAndHowToConfirmThem() {
        // given
        close.nights("2026-11-28", "2026-11-30");
        // when
        Captured unconfirmed = close.close("2026-11");
        Captured wrong = close.close("2026-11", "--missed-nights", "2026-11-01..2026-11-28");
        // then
        assertThat(unconfirmed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(unconfirmed.err()).isEqualTo("error: 2026-11 cannot close: no night ran for 2026-11-01..2026-11-27 and none"
                + " can run any more (a later night has completed, and expired and paid what was due then); if that is so,"
                + " confirm it with --missed-nights 2026-11-01..2026-11-27; nothing was written\n");
        assertThat(wrong.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(wrong.err()).contains("--missed-nights names 2026-11-28, which is not a missed night of 2026-11");
        nothingWritten();
    }

    @Test
    void aMonthNotOverYetIsRefused() {
        // when: the current month in Tokyo
        String thisMonth = YearMonth.now(ZoneId.of("Asia/Tokyo")).toString();
        Captured refused = close.close(thisMonth);
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).startsWith("error: " + thisMonth + " cannot close: " + thisMonth
                + " is not over yet in Asia/Tokyo (today is ");
        nothingWritten();
    }

    @Test
    void monthsCloseInOrder() {
        // given: November closed
        close.nights("2026-11-28", "2026-11-30");
        close.closed("2026-11", MISSED);
        // when
        Captured before = close.close("2026-10");
        Captured skipping = close.close("2027-01");
        // then
        assertThat(before.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(before.err()).isEqualTo("error: 2026-10 cannot close: 2026-11 is closed, and the months before it are in its"
                + " opening: they cannot close afterwards; nothing was written\n");
        assertThat(skipping.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(skipping.err()).isEqualTo("error: 2027-01 cannot close: close 2026-12 first: months close in order, each"
                + " opening with the closing of the one before; nothing was written\n");
    }

    @Test
    void aMonthWhoseFiguresDisagreeWithTheLedgerIsRefusedNamingEachDifference() throws Exception {
        // given: after the last night, someone expires worker 2's reward by hand with the night of 11-29
        close.nights("2026-11-28", "2026-11-30");
        try (Connection support = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
             Statement statement = support.createStatement()) {
            statement.executeUpdate("update reward set status = 'EXPIRED', expired_by_run_id ="
                    + " (select id from payout_run where business_date = '2026-11-29') where worker_id = 2");
        }
        // when
        Captured refused = close.close("2026-11", MISSED);
        // then: the roll-forward counts it expired on 11-29; the night of 11-30 recorded it unpaid, the night of 11-29 no expiry
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: 2026-11 cannot close: the closing of 2026-11, 0 yen in 0 rewards, differs"
                + " from the ledger's unpaid total at the end of the night of 2026-11-30, 2,000 yen in 1 reward (2,000 yen in 1"
                + " reward the night left unpaid + 0 yen in 0 rewards confirmed on or before 2026-11-30 after it opened): a"
                + " difference of -2,000 yen and -1 reward; the night of 2026-11-29 recorded 0 yen in 0 rewards expired but the"
                + " rewards expired by it are 2,000 yen in 1 reward: a difference of -2,000 yen and -1 reward; nothing was written\n");
        nothingWritten();
    }

    @Test
    void aChangeToSettledRewardsLeftOpenElsewhereFailsTheCloseAfterTenSecondsNamingWhereToLook() throws Exception {
        // given: a session changed a settled reward's night by hand and left its transaction open
        close.nights("2026-11-28", "2026-11-30");
        try (Connection support = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
             Statement statement = support.createStatement()) {
            support.setAutoCommit(false);
            statement.executeQuery("select 1 from month_close_guard for share").close();
            // when
            Captured failed = close.close("2026-11", MISSED);
            // then
            assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(failed.err()).isEqualTo("error: the close of 2026-11 failed: another session's unfinished change to"
                    + " settled rewards or payouts kept the close waiting for 10s (its transaction holds month_close_guard: find"
                    + " it with select pid, state, xact_start from pg_locks join pg_stat_activity using (pid) where relation ="
                    + " 'month_close_guard'::regclass); nothing was recorded; run the same command again\n");
            support.rollback();
        }
        nothingWritten();
        assertThat(close.close("2026-11", MISSED).exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aBadMonthOrMissedNightIsAUsageError() {
        // when
        Captured month = close.run("close-month", "--month", "2026-13");
        Captured missed = close.run("close-month", "--month", "2026-11", "--missed-nights", "2026-11-01..11-05");
        // then
        assertThat(month.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(month.err()).startsWith("error: Invalid value for option '--month': cannot convert '2026-13'");
        assertThat(missed.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(missed.err()).contains("'2026-11-01..11-05' is neither a date (YYYY-MM-DD) nor a range (YYYY-MM-DD..YYYY-MM-DD)");
        nothingWritten();
    }
}

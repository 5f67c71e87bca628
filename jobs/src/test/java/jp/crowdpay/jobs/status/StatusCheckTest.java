package jp.crowdpay.jobs.status;

import static org.assertj.core.api.Assertions.assertThat;

import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code status --check} on the real job repository: exit 0 or 4 and one line. */
class StatusCheckTest extends DatabaseTest {

    @BeforeEach
    void aCompletedNightAndLockRelease() {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.reward(1, 12_000, "2026-11-01");
        assertThat(executeCapturing("payout", "--date", "2026-11-25").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(executeCapturing("release-locks").exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void passesWhenTheLatestNightCompletedAndTheLockReleaseRanJustNow() {
        // when
        Captured check = executeCapturing("status", "--check");
        // then
        assertThat(check.exitCode()).as(check.err()).isEqualTo(ExitCodes.OK);
        assertThat(check.out()).matches("check passed: payout 2026-11-25 COMPLETED, completed \\d+s ago;"
                + " lock release completed \\d+s ago\\R");
        assertThat(check.err()).isEmpty();
    }

    @Test
    void failsWhenTheLatestNightFailed() {
        // given
        jdbc.update("update batch_job_execution set status = 'FAILED' where job_execution_id = (select min(job_execution_id)"
                + " from batch_job_execution)");
        // when
        Captured check = executeCapturing("status", "--check");
        // then
        assertThat(check.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(check.err()).isEqualTo("check failed: latest payout run (2026-11-25) FAILED; no payout run has completed"
                + System.lineSeparator());
        assertThat(check.out()).isEmpty();
    }

    @Test
    void failsWhenTheNightCompletedLongerAgoThanTheMaximumAge() {
        // given the night ended 27 hours ago
        jdbc.update("update batch_job_execution set end_time = end_time - interval '27 hours' where job_execution_id ="
                + " (select min(job_execution_id) from batch_job_execution)");
        // when
        Captured byDefault = executeCapturing("status", "--check");
        Captured withTwoDays = executeCapturing("status", "--check", "--payout-max-age", "2d");
        // then
        assertThat(byDefault.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(byDefault.err()).startsWith("check failed: no payout run completed in the last 26h (the latest ended 27h");
        assertThat(withTwoDays.exitCode()).as(withTwoDays.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void failsWhenTheLockReleaseHasNotCompletedWithinItsMaximumAge() {
        // given the sweep ended 20 minutes ago
        jdbc.update("update batch_job_execution set end_time = end_time - interval '20 minutes' where job_execution_id ="
                + " (select max(job_execution_id) from batch_job_execution)");
        // when
        Captured byDefault = executeCapturing("status", "--check");
        Captured withAnHour = executeCapturing("status", "--check", "--locks-max-age", "1h");
        // then
        assertThat(byDefault.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(byDefault.err()).startsWith("check failed: no lock release completed in the last 15m (the latest ended 20m");
        assertThat(withAnHour.exitCode()).as(withAnHour.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aDryRunIsNotASweep() {
        // given only a dry run of the lock release
        jdbc.update("update lock_release_run set dry_run = true");
        // when
        Captured check = executeCapturing("status", "--check");
        // then
        assertThat(check.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(check.err()).isEqualTo("check failed: no lock release has completed" + System.lineSeparator());
    }

    @Test
    void refusesAnAgeThatIsNotOne() {
        // when
        Captured check = executeCapturing("status", "--check", "--locks-max-age", "15 minutes");
        // then
        assertThat(check.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(check.err()).contains("'15 minutes' is not an age: a whole number above 0 and d, h, m or s, as 26h or 15m");
    }
}

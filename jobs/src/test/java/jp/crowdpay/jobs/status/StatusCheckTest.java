package jp.crowdpay.jobs.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
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

    @Test
    void failsWhenTheLatestNightHasHadNoNoticesForLongerThanTheDelay() {
        // given the night completed 3 hours ago, without its notices
        jdbc.update("update payout_run set completed_at = completed_at - interval '3 hours'");
        // when
        Captured byDefault = executeCapturing("status", "--check");
        Captured withFourHours = executeCapturing("status", "--check", "--notices-max-delay", "4h");
        Captured notices = executeCapturing("notify-expiring", "--date", "2026-11-25");
        Captured afterTheNotices = executeCapturing("status", "--check");
        // then
        assertThat(byDefault.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(byDefault.err()).startsWith("check failed: no expiry notices for 2026-11-25, whose payout completed 3h")
                .endsWith(" (more than 2h)" + System.lineSeparator());
        assertThat(withFourHours.exitCode()).as(withFourHours.err()).isEqualTo(ExitCodes.OK);
        assertThat(notices.exitCode()).as(notices.err()).isEqualTo(ExitCodes.OK);
        assertThat(afterTheNotices.exitCode()).as(afterTheNotices.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void failsWhenABankFileStaysInTheOutboxLongerThanItsMaximumAge() throws IOException {
        // given the night's bank file, written 7 hours ago, still in the outbox
        Path bankFile = Path.of(OUTBOX, "payout-20261125.csv");
        Files.setLastModifiedTime(bankFile, FileTime.from(Instant.now().minus(Duration.ofHours(7))));
        // when
        Captured byDefault = executeCapturing("status", "--check");
        Captured withEightHours = executeCapturing("status", "--check", "--bank-file-max-age", "8h");
        Files.delete(bankFile);
        Captured takenByTheBank = executeCapturing("status", "--check");
        // then
        assertThat(byDefault.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(byDefault.err()).startsWith("check failed: bank file payout-20261125.csv is still in the outbox, written 7h")
                .endsWith(" (more than 6h): the bank has not taken it" + System.lineSeparator());
        assertThat(withEightHours.exitCode()).as(withEightHours.err()).isEqualTo(ExitCodes.OK);
        assertThat(takenByTheBank.exitCode()).as(takenByTheBank.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void failsWhenTheOutboxIsGoneWhileTheRunsWroteFilesToIt() throws IOException {
        // given: the outbox is not there (a volume not mounted, a wrong payout.outbox)
        Files.delete(Path.of(OUTBOX, "payout-20261125.csv"));
        Files.delete(Path.of(OUTBOX, "payout-20261125.csv.manifest.json"));
        Files.delete(Path.of(OUTBOX));
        // when
        Captured check = executeCapturing("status", "--check");
        // then
        assertThat(check.exitCode()).isEqualTo(ExitCodes.CHECK_FAILED);
        assertThat(check.err()).isEqualTo("check failed: cannot look at the outbox: no such file or folder: " + Path.of(OUTBOX).toAbsolutePath()
                + " (payout.outbox, where the payout wrote its bank files)" + System.lineSeparator());
    }
}

package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * Failures of a real program: standard error holds one line that names the cause, the stack
 * trace is in the log only (standard output), and the log ends with the exit code.
 */
@Tag(Tiers.PROCESS)
class OneLineErrorsTest extends ChildPayoutScenario {

    /** The tests run as root: the child runs without the capabilities that override file permissions. */
    private static final List<String> WITHOUT_ROOTS_FILE_PRIVILEGES = List.of("setpriv",
            "--inh-caps=-dac_override,-dac_read_search", "--bounding-set=-dac_override,-dac_read_search");

    @Test
    void aDatabaseThatRefusesTheConnectionAtStartReadsDatabaseConnectionLost() throws Exception {
        // given: nothing listens on port 1
        Map<String, String> env = Map.of("SPRING_DATASOURCE_URL", "jdbc:postgresql://127.0.0.1:1/payout");
        // when
        ChildProcess.Result result = ChildProcess.run(work, env, "payout", "--date", DATE);
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).startsWith("error: the program could not start: database connection lost (Connection to 127.0.0.1:1 refused")
                .hasLineCount(1);
        assertThat(result.out()).contains("payout-jobs finished: exit=1 (failed) before its command ran");
    }

    @Test
    void anOutboxThatTurnsReadOnlyDuringTheRunReadsPermissionDeniedAndTheSameCommandCompletesTheRun() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("read-only");
        Path outbox = Files.createDirectories(directory.resolve("outbox"));
        ChildProcess.Result failed;
        try (Blocker writingTheFile = Blocker.before("insert", "batch_step_execution", "new.step_name = 'stageBankFileStep'")) {
            Process child = ChildProcess.start(WITHOUT_ROOTS_FILE_PRIVILEGES, directory, ENV, "payout", "--date", DATE);
            try {
                writingTheFile.awaitBlocked(child);
                // when: the folder turns read-only after the start-up check passed
                Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("r-x------"));
                writingTheFile.release();
                failed = ChildProcess.await(child, directory);
            } finally {
                child.destroyForcibly();
            }
        }
        // then
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.err()).startsWith("error: the payout for " + DATE + " ended FAILED: permission denied: " + outbox + "/")
                .endsWith("; run the same command again to continue it\n")
                .hasLineCount(1);
        assertThat(failed.out()).contains("AccessDeniedException").contains("payout finished: exit=1 (failed)");
        Files.setPosixFilePermissions(outbox, PosixFilePermissions.fromString("rwx------"));
        ChildProcess.Result rerun = runPayout(directory);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }
}

package jp.crowdpay.jobs.payout.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * Settings that the run needs only at its end (the outbox, the holiday file) are checked before
 * it starts: a real program refuses with exit 2 and one line naming the setting, and the ledger
 * is as it was: no run, the reward still unpaid, no file.
 */
@Tag(Tiers.PROCESS)
class FailFastSettingsTest extends DatabaseTest {

    private static final String DATE = "2026-11-25";

    @TempDir
    Path workingDirectory;

    @BeforeEach
    void fixture() {
        new LedgerFixture(jdbc).payableWorker(1, "0001").reward(1, 5_000, "2026-11-20");
    }

    @Test
    void anOutboxThatIsARegularFileIsRefusedBeforeAnythingIsPaid() throws Exception {
        // given
        Path outbox = Files.writeString(workingDirectory.resolve("outbox"), "not a folder");
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of(), "payout", "--date", DATE);
        // then
        assertRefused(result, "error: invalid setting: payout.outbox: " + outbox + " is not a folder; nothing was touched");
        assertThat(Files.readString(outbox)).isEqualTo("not a folder");
    }

    @Test
    void anOutboxBelowARegularFileIsRefusedBeforeAnythingIsPaid() throws Exception {
        // given
        Path blocker = Files.writeString(workingDirectory.resolve("blocker"), "");
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of("PAYOUT_OUTBOX", "blocker/outbox"),
                "payout", "--date", DATE);
        // then
        assertRefused(result, "error: invalid setting: payout.outbox: " + blocker.resolve("outbox")
                + ": Not a directory; nothing was touched");
        assertThat(blocker).isRegularFile();
    }

    /**
     * The tests run as root, whom a folder's mode does not stop: the child runs without the
     * capabilities that override file permissions, as a service account would.
     */
    @Test
    void aReadOnlyOutboxIsRefusedWithPermissionDeniedBeforeAnythingIsPaid() throws Exception {
        // given
        Path outbox = Files.createDirectory(workingDirectory.resolve("outbox"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("r-x------")));
        // when
        Process child = ChildProcess.start(List.of("setpriv", "--inh-caps=-dac_override,-dac_read_search",
                        "--bounding-set=-dac_override,-dac_read_search"),
                workingDirectory, Map.of(), "payout", "--date", DATE);
        ChildProcess.Result result = ChildProcess.await(child, workingDirectory);
        // then
        assertThat(result.err()).as(result.out()).startsWith("error: invalid setting: payout.outbox: permission denied: " + outbox + "/");
        assertRefused(result, "; nothing was touched");
    }

    @Test
    void aHolidayFileThatDoesNotCoverTheTransferDatesYearIsRefusedBeforeAnythingIsPaid() throws Exception {
        // given: holidays of 2025 only; the run of 2026-11-25 transfers in 2026
        Files.createDirectories(workingDirectory.resolve("config"));
        Files.writeString(workingDirectory.resolve("config/holidays-jp.csv"), "date,name\n2025-01-01,元日\n");
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, BankFileSettingsCommandLineTest.validZengin(),
                "payout", "--date", DATE);
        // then
        assertRefused(result, "error: invalid setting: payout.bank-file.holidays: the holiday file "
                + workingDirectory.resolve("config/holidays-jp.csv") + " covers 2025-2025 but not 2026 (asked about 2026-11-26)");
    }

    /** Exit 2, one line on standard error, the exit in the log, and the ledger and outbox as they were. */
    private void assertRefused(ChildProcess.Result result, String errorLine) throws IOException {
        assertThat(result.exitCode()).as(result.err() + result.out()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(errorLine).hasLineCount(1);
        assertThat(result.out()).contains("payout finished: exit=2 (refused)");
        assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from batch_job_execution", Long.class)).isZero();
        assertThat(jdbc.queryForList("select status from reward", String.class)).containsExactly("UNPAID");
        assertThat(filesUnder(workingDirectory)).allSatisfy(file -> assertThat(file.getFileName().toString())
                .isIn("stdout.txt", "stderr.txt", "outbox", "blocker", "holidays-jp.csv"));
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }
}

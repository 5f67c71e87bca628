package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The return notice layout is read by import-returns only: a missing or malformed one refuses the
 * import, naming the setting and the file, and costs no other command anything.
 */
@Tag(Tiers.PROCESS)
class ReturnSettingsCommandLineTest extends DatabaseTest {

    /** The temporary working directory has no ./config/return-layouts/mizuho.yml. */
    private static final Map<String, String> MISSING_LAYOUT = Map.of("PAYOUT_RETURNS_LAYOUT", "mizuho");

    @TempDir
    Path workingDirectory;

    @Test
    void aMissingLayoutCostsThePayoutAndTheLockReleaseNothing() throws Exception {
        // given
        new LedgerFixture(jdbc).payableWorker(1, "0001").reward(1, 5_000, "2026-11-20");
        // when
        ChildProcess.Result payout = ChildProcess.run(workingDirectory, MISSING_LAYOUT, "payout", "--date", "2026-11-25");
        ChildProcess.Result locks = ChildProcess.run(workingDirectory, MISSING_LAYOUT, "release-locks");
        // then: worker 1 is paid 5,000 yen (the child has no fees configured)
        assertThat(payout.exitCode()).as(payout.err()).isEqualTo(ExitCodes.OK);
        assertThat(locks.exitCode()).as(locks.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("select amount_yen from payout where worker_id = 1", Long.class)).isEqualTo(5_000);
        assertThat(workingDirectory.resolve("outbox").resolve("payout-20261125.csv")).exists();
    }

    @Test
    void aMissingLayoutRefusesTheImportNamingTheSettingAndTheFile() throws Exception {
        // given: a payout to return
        new LedgerFixture(jdbc).payableWorker(1, "0001").reward(1, 5_000, "2026-11-20");
        assertThat(executeCapturing("payout", "--date", "2026-11-24").exitCode()).isEqualTo(ExitCodes.OK);
        Path notice = ReturnsFixture.notice(workingDirectory.resolve("returns.csv"),
                "payout-20261124.csv,0000000001,0001,101,0000001,4500,1,");
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, MISSING_LAYOUT, "import-returns",
                notice.toString(), "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: invalid setting: payout.returns.layout: no layout file "
                + workingDirectory.resolve(Path.of("config", "return-layouts", "mizuho.yml")) + "; nothing was applied");
        assertThat(jdbc.queryForObject("select count(*) from return_notice", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from reward where return_id is not null", Long.class)).isZero();
    }

    @Test
    void aMalformedLayoutRefusesTheImportNamingTheFileAndTheProblem() throws Exception {
        // given
        Path layouts = Files.createDirectories(workingDirectory.resolve("config").resolve("return-layouts"));
        Files.writeString(layouts.resolve("mizuho.yml"), "columns: [file_name, colour]\n");
        Path notice = ReturnsFixture.notice(workingDirectory.resolve("returns.csv"), "x");
        // when
        ChildProcess.Result child = ChildProcess.run(workingDirectory, MISSING_LAYOUT, "import-returns", notice.toString());
        // then
        assertThat(child.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(child.err()).startsWith("error: invalid setting: payout.returns.layout: layout file "
                + layouts.resolve("mizuho.yml") + ": unknown column 'colour'; nothing was applied");
    }
}

package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad return notice layout stops the program at start, whatever the command, before anything is touched. */
class ReturnSettingsCommandLineTest extends DatabaseTest {

    @TempDir
    Path workingDirectory;

    @Test
    void refusesAReturnLayoutThatHasNoFileAtStart() throws Exception {
        // when: the temporary working directory has no ./config/return-layouts/mizuho.yml
        ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of("PAYOUT_RETURNS_LAYOUT", "mizuho"),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("error: invalid setting: payout.returns.layout: no layout file "
                + Path.of("config", "return-layouts", "mizuho.yml"));
        assertThat(jdbc.queryForObject("select count(*) from batch_job_execution", Long.class)).isZero();
    }
}

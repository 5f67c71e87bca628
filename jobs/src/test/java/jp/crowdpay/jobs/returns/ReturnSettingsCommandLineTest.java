package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bad return notice layout stops the program at start, whatever the command, before anything is touched. */
class ReturnSettingsCommandLineTest extends DatabaseTest {

    @TempDir
    Path workingDirectory;

    @Test
    void refusesAReturnLayoutThatHasNoFileAtStart() throws Exception {
        // given
        new LedgerFixture(jdbc).payableWorker(1, "0001").reward(1, 5_000, "2026-11-20");
        // when: the temporary working directory has no ./config/return-layouts/mizuho.yml
        ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of("PAYOUT_RETURNS_LAYOUT", "mizuho"),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("error: invalid setting: payout.returns.layout: no layout file "
                + Path.of("config", "return-layouts", "mizuho.yml"));
        assertThat(jdbc.queryForObject("select count(*) from batch_job_execution", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
        assertThat(jdbc.queryForList("select status from reward", String.class)).containsExactly("UNPAID");
        assertThat(workingDirectory.resolve("outbox")).doesNotExist();
    }
}

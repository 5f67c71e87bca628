package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad bank-file settings stop the program at start, exit 2, naming the setting, before anything is paid. */
class BankFileSettingsCommandLineTest extends DatabaseTest {

    @TempDir
    java.nio.file.Path workingDirectory;

    @BeforeEach
    void fixture() {
        new LedgerFixture(jdbc).payableWorker(1, "0001").reward(1, 5_000, "2026-11-20");
    }

    private static Map<String, String> validZengin() {
        Map<String, String> env = new HashMap<>();
        env.put("PAYOUT_BANKFILE_FORMAT", "zengin");
        env.put("PAYOUT_BANKFILE_ZENGIN_REQUESTERCODE", "1234567890");
        env.put("PAYOUT_BANKFILE_ZENGIN_REQUESTERNAME", "ｸﾗｳﾄﾞﾍﾟｲ(ｶ");
        env.put("PAYOUT_BANKFILE_ZENGIN_SENDINGBANKCODE", "0005");
        env.put("PAYOUT_BANKFILE_ZENGIN_SENDINGBANKNAME", "ﾐﾂﾋﾞｼUFJ");
        env.put("PAYOUT_BANKFILE_ZENGIN_SENDINGBRANCHCODE", "001");
        env.put("PAYOUT_BANKFILE_ZENGIN_SENDINGBRANCHNAME", "ﾎﾝﾃﾝ");
        env.put("PAYOUT_BANKFILE_ZENGIN_ACCOUNTTYPE", "1");
        env.put("PAYOUT_BANKFILE_ZENGIN_ACCOUNTNUMBER", "7654321");
        return env;
    }

    private void assertNothingRan() {
        assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
        assertThat(jdbc.queryForObject("select count(*) from batch_job_execution", Long.class)).isZero();
    }

    @Test
    void refusesARequesterCodeThatIsNotTenDigits() throws Exception {
        // given
        Map<String, String> env = validZengin();
        env.put("PAYOUT_BANKFILE_ZENGIN_REQUESTERCODE", "12345");
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, env, "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.zengin.requester-code: must be 10 digits");
        assertNothingRan();
    }

    @Test
    void refusesZenginWithoutTheRequesterSettings() throws Exception {
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of("PAYOUT_BANKFILE_FORMAT", "zengin"),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.zengin: the requester and sending account settings are required");
        assertNothingRan();
    }

    @Test
    void refusesZenginWhenTheHolidayFileIsMissing() throws Exception {
        // when: the temporary working directory has no ./config/holidays-jp.csv
        ChildProcess.Result result = ChildProcess.run(workingDirectory, validZengin(), "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.holidays: cannot read holiday file");
        assertNothingRan();
    }

    @Test
    void refusesACsvLayoutThatHasNoFile() throws Exception {
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of("PAYOUT_BANKFILE_CSVLAYOUT", "mybank"),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.csv-layout: no layout file");
        assertNothingRan();
    }
}

package jp.crowdpay.jobs.payout.settings;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** Bad bank-file settings stop the program at start, exit 2, naming the setting, before anything is paid. */
@Tag(Tiers.PROCESS)
class BankFileSettingsCommandLineTest extends DatabaseTest {

    @TempDir
    java.nio.file.Path workingDirectory;

    @BeforeEach
    void fixture() {
        new LedgerFixture(jdbc).payableWorker(1, "0001").reward(1, 5_000, "2026-11-20");
    }

    static Map<String, String> validZengin() {
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
        assertThat(jdbc.queryForList("select status from reward", String.class)).containsExactly("UNPAID");
        assertThat(workingDirectory.resolve("outbox")).doesNotExist();
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

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            PAYOUT_BANKFILE_ZENGIN_REQUESTERNAME  | ｸﾗｳﾄﾞﾍﾟｲｦ   | payout.bank-file.zengin.requester-name: character 9 is not one the bank takes
            PAYOUT_BANKFILE_ZENGIN_REQUESTERNAME  | ﾞﾞ          | payout.bank-file.zengin.requester-name: has a voiced mark (ﾞ) at position 1 follows no kana that takes it
            PAYOUT_BANKFILE_ZENGIN_REQUESTERNAME  | -(1)/2      | payout.bank-file.zengin.requester-name: has no letter
            PAYOUT_BANKFILE_ZENGIN_SENDINGBANKNAME | ﾐﾂﾋﾞｼ.UFJ  | payout.bank-file.zengin.sending-bank-name: character 6 is not one the bank takes (half-width katakana, 0-9, A-Z and - only)
            PAYOUT_BANKFILE_ZENGIN_SENDINGBRANCHNAME | ﾎﾝﾃﾝ ﾏｴ  | payout.bank-file.zengin.sending-branch-name: character 5 is not one the bank takes
            PAYOUT_BANKFILE_ZENGIN_CLEARINGHOUSE  | blanks      | payout.bank-file.zengin.clearing-house
            """)
    void refusesZenginHeaderSettingsOutsideTheBanksCharacterRules(String variable, String value, String expected)
            throws Exception {
        // given
        Map<String, String> env = validZengin();
        env.put(variable, value);
        // when
        ChildProcess.Result result = ChildProcess.run(workingDirectory, env, "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(expected);
        assertNothingRan();
    }
}

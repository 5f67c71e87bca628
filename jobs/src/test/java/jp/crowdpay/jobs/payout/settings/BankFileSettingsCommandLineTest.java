package jp.crowdpay.jobs.payout.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * Bad bank-file settings stop the program at start, exit 2, naming the setting, before anything is
 * paid. In-process, but for the holiday file the working directory lacks: a child's, the settings
 * in its environment.
 */
@Tag(Tiers.PROCESS)
class BankFileSettingsCommandLineTest extends DatabaseTest {

    @TempDir
    java.nio.file.Path workingDirectory;

    @BeforeEach
    void fixture() {
        new LedgerFixture(jdbc).payableWorker(1, "0001").reward(1, 5_000, "2026-11-20");
    }

    /** Every Zengin setting the program needs, valid, by their Spring property names. */
    static Map<String, String> validZengin() {
        Map<String, String> env = new HashMap<>();
        env.put("payout.bank-file.format", "zengin");
        env.put("payout.bank-file.zengin.requester-code", "1234567890");
        env.put("payout.bank-file.zengin.requester-name", "ｸﾗｳﾄﾞﾍﾟｲ(ｶ");
        env.put("payout.bank-file.zengin.sending-bank-code", "0005");
        env.put("payout.bank-file.zengin.sending-bank-name", "ﾐﾂﾋﾞｼUFJ");
        env.put("payout.bank-file.zengin.sending-branch-code", "001");
        env.put("payout.bank-file.zengin.sending-branch-name", "ﾎﾝﾃﾝ");
        env.put("payout.bank-file.zengin.account-type", "1");
        env.put("payout.bank-file.zengin.account-number", "7654321");
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
        env.put("payout.bank-file.zengin.requester-code", "12345");
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory, env, "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.zengin.requester-code: must be 10 digits");
        assertNothingRan();
    }

    @Test
    void refusesZenginWithoutTheRequesterSettings() throws Exception {
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory, Map.of("payout.bank-file.format", "zengin"),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.zengin: the requester and sending account settings are required");
        assertNothingRan();
    }

    @Test
    void refusesZenginWhenTheHolidayFileIsMissing() throws Exception {
        // when: the temporary working directory has no ./config/holidays-jp.csv
        ChildProcess.Result result = ChildProcess.run(workingDirectory, validZengin(),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.holidays: cannot read holiday file");
        assertNothingRan();
    }

    @Test
    void refusesACsvLayoutThatHasNoFile() throws Exception {
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory, Map.of("payout.bank-file.csv-layout", "mybank"),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.bank-file.csv-layout: no layout file");
        assertNothingRan();
    }

    @ParameterizedTest(name = "[{index}] {0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            payout.bank-file.zengin.requester-name   | ｸﾗｳﾄﾞﾍﾟｲｦ   | payout.bank-file.zengin.requester-name: character 9 is not one the bank takes
            payout.bank-file.zengin.requester-name   | ﾞﾞ          | payout.bank-file.zengin.requester-name: has a voiced mark (ﾞ) at position 1 follows no kana that takes it
            payout.bank-file.zengin.requester-name   | -(1)/2      | payout.bank-file.zengin.requester-name: has no letter
            payout.bank-file.zengin.sending-bank-name | ﾐﾂﾋﾞｼ.UFJ  | payout.bank-file.zengin.sending-bank-name: character 6 is not one the bank takes (half-width katakana, 0-9, A-Z and - only)
            payout.bank-file.zengin.sending-branch-name | ﾎﾝﾃﾝ ﾏｴ  | payout.bank-file.zengin.sending-branch-name: character 5 is not one the bank takes
            payout.bank-file.zengin.clearing-house   | blanks      | payout.bank-file.zengin.clearing-house
            """)
    void refusesZenginHeaderSettingsOutsideTheBanksCharacterRules(String setting, String value, String expected)
            throws Exception {
        // given
        Map<String, String> env = validZengin();
        env.put(setting, value);
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory, env, "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(expected);
        assertNothingRan();
    }
}

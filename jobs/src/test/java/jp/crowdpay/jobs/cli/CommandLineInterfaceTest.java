package jp.crowdpay.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line is answered before the application starts: no database needed for help or usage errors. */
class CommandLineInterfaceTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int check(String... args) {
        return CommandLineInterface.checkUsage(args, new PrintStream(out, true), new PrintStream(err, true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"payout", "release-locks", "status", "reissue", "import-banks", "import-returns",
            "returned-accounts", "notify-expiring", "seed"})
    void everyCommandsHelpListsTheExitCodes(String command) {
        // when
        int exit = check(command, "--help");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("Usage: payout-jobs " + command)
                .containsPattern("\\n +3 +another run of the same job is in progress")
                .containsPattern("\\n +143 +ended by SIGTERM outside a payout or lock-release run");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "payout --date 2026-13-01          | Invalid value for option '--date'",
            "payout --date tomorrow            | Invalid value for option '--date'",
            "payout 2026-11-25                 | Unmatched argument",
            "status --date 2026-11-25 --last 3 | mutually exclusive",
            "reissue                           | Missing required option: '--date",
            "import-returns                    | Missing required parameter: 'FILE'",
            "import-returns n.csv --date 11/25 | Invalid value for option '--date'",
            "notify-expiring --date 2026-11    | Invalid value for option '--date'",
            "frobnicate                        | Unmatched argument",
            // an option that says it holds a secret: named, its value never shown (cron mails standard error)
            "status --spring.datasource.password=Plant3d-9c41      | Unknown option: '--spring.datasource.password' (its value is not shown)",
            "payout --date 2026-11-25 --db-password Plant3d-9c41    | Unknown option: '--db-password' (its value is not shown)",
            "release-locks --API-TOKEN=Plant3d-9c41                 | Unknown option: '--API-TOKEN' (its value is not shown)",
            "import-returns --Client-Secret Plant3d-9c41 notice.csv | Unknown option: '--Client-Secret' (its value is not shown)",
            "--password Plant3d-9c41 status                         | Unknown option: '--password' (its value is not shown)"})
    void refusesBadUsageWithExitTwoAndAMessageThatNamesIt(String commandLine, String message) {
        // when
        int exit = check(commandLine.trim().split(" +"));
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("error: ").contains(message).doesNotContain("Plant3d");
    }

    @ParameterizedTest
    @ValueSource(strings = {"payout", "payout --date 2026-11-25", "status --last 3", "release-locks --dry-run"})
    void letsAWellFormedCommandProceed(String commandLine) {
        assertThat(check(commandLine.split(" "))).isEqualTo(ExitCodes.PROCEED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "--version"})
    void answersWithoutACommandOnlyForVersionOrHelp(String commandLine) {
        // when
        int exit = check(commandLine.isEmpty() ? new String[0] : new String[] {commandLine});
        // then
        assertThat(exit).isEqualTo(commandLine.isEmpty() ? ExitCodes.USAGE : ExitCodes.OK);
    }
}

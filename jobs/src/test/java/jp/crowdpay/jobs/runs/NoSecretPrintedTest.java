package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * A password planted in every way a user could give one never shows in what the program prints
 * (standard output and error, which cron mails) nor in its log file: runs that succeed, runs that
 * are refused, a connection that fails.
 */
@Tag(Tiers.PROCESS)
class NoSecretPrintedTest {

    private static final String PASSWORD = "Plant3d-Pa55-9c41";

    @TempDir
    Path work;

    @Test
    void aPasswordInTheEnvironmentIsNeverPrinted() throws Exception {
        Map<String, String> env = Map.of("SPRING_DATASOURCE_PASSWORD", PASSWORD);
        assertThat(run("env-status", env, "status").exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run("env-refused", env, "payout", "--date", "2999-01-01").exitCode()).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    void aPasswordGivenAsAnOptionIsRefusedNamingTheOptionOnly() throws Exception {
        for (String[] command : new String[][] {{"status", "--spring.datasource.password=" + PASSWORD},
                {"release-locks", "--db-password", PASSWORD}, {"payout", "--date", "2026-11-02", "--API-Token=" + PASSWORD},
                {"migrate", "--client-secret", PASSWORD}}) {
            ChildProcess.Result result = run(command[0] + "-" + command[1].substring(2, 5), Map.of(), command);
            assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).startsWith("error: Unknown option: '--").contains("' (its value is not shown)");
        }
    }

    @Test
    void aPasswordInTheSettingFileIsNeverPrintedWhenAnotherSettingIsRefused() throws Exception {
        // given a setting file with the password and a bad zone
        Path directory = work.resolve("setting-file");
        Files.createDirectories(directory.resolve("config"));
        Files.writeString(directory.resolve("config/application.yml"),
                "spring:\n  datasource:\n    password: " + PASSWORD + "\npayout:\n  zone: Mars/Olympus\n");
        // when / then
        ChildProcess.Result result = run("setting-file", Map.of(), "payout");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("payout.zone");
    }

    @Test
    void aPasswordInTheUrlIsNeverPrintedWhetherTheConnectionWorksOrFails() throws Exception {
        // a server that refuses the connection, a URL the driver does not take, and one that works
        ChildProcess.Result refused = run("url-refused", Map.of("SPRING_DATASOURCE_URL",
                "jdbc:postgresql://127.0.0.1:1/payout?password=" + PASSWORD), "release-locks");
        ChildProcess.Result mistyped = run("url-mistyped", Map.of("SPRING_DATASOURCE_URL",
                "jdbc:postgres://127.0.0.1:5432/payout?ssl=false&password=" + PASSWORD), "status");
        ChildProcess.Result works = run("url-works", Map.of("SPRING_DATASOURCE_URL",
                TestDatabase.url() + "?password=" + PASSWORD), "status", "--last", "1");
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(refused.err()).startsWith("error: the program could not start: database connection lost");
        assertThat(mistyped.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(works.exitCode()).as(works.err()).isEqualTo(ExitCodes.OK);
    }

    /** Runs the program with its log also written to a file, and checks that no output holds the password. */
    private ChildProcess.Result run(String name, Map<String, String> environment, String... command) throws Exception {
        Path directory = work.resolve(name);
        Map<String, String> env = new HashMap<>(environment);
        env.put("LOGGING_FILE_NAME", directory.resolve("payout-jobs.log").toString());
        ChildProcess.Result result = ChildProcess.run(directory, env, command);
        assertThat(result.out()).as(name + ": standard output").doesNotContain(PASSWORD);
        assertThat(result.err()).as(name + ": standard error").doesNotContain(PASSWORD);
        Path log = directory.resolve("payout-jobs.log");
        if (Files.exists(log)) {
            assertThat(Files.readString(log)).as(name + ": log file").doesNotContain(PASSWORD);
        }
        return result;
    }
}

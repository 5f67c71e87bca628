package jp.crowdpay.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped alert rules, checked by Prometheus's own promtool (Debian package prometheus). */
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "config", "prometheus");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void theAlertRulesAreValid() throws Exception {
        // when
        Run check = promtool(RULES, "check", "rules", "alerts.yml");
        // then
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 3 rules found");
    }

    @Test
    void eachAlertFiresWhenItMustAndNotBefore() throws Exception {
        // when: the 26-hour night, the missing payout, the failed run, the silent sweep
        Run test = promtool(RULES, "test", "rules", "alerts.test.yml");
        // then
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    void aBrokenRuleFailsTheCheck(@TempDir Path directory) throws Exception {
        // given an expression that does not parse
        Files.writeString(directory.resolve("broken.yml"), """
                groups:
                  - name: broken
                    rules:
                      - alert: Broken
                        expr: time() - > 1
                """);
        // when
        Run check = promtool(directory, "check", "rules", "broken.yml");
        // then
        assertThat(check.exitCode()).isNotZero();
        assertThat(check.output()).contains("FAILED");
    }

    private record Run(int exitCode, String output) {
    }

    private static Run promtool(Path directory, String... args) throws IOException, InterruptedException {
        assertThat(PROMTOOL).as("promtool is missing: apt-get install prometheus (.ci/run does)").isExecutable();
        List<String> command = new ArrayList<>(List.of(PROMTOOL.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("promtool ended within 60 s").isTrue();
        return new Run(process.exitValue(), output);
    }
}

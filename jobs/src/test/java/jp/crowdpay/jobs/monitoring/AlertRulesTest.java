package jp.crowdpay.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The shipped alert rules, checked by Prometheus's own promtool (Debian package prometheus): they
 * parse, each fires at its boundary and none raises the false pages they are written against
 * (alerts.test.yml, alerts.weekly.test.yml); and each says how bad it is and where its runbook is.
 */
@Tag(Tiers.PROCESS)
class AlertRulesTest {

    private static final Path RULES = Path.of("..", "config", "prometheus");
    private static final Path RUNBOOK = Path.of("..", "docs", "runbook.md");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");

    @Test
    void theAlertRulesAreValid() throws Exception {
        // when
        Run check = promtool(RULES, "check", "rules", "alerts.yml");
        // then
        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 9 rules found");
    }

    @Test
    void eachAlertFiresWhenItMustAndNotBeforeAndNoneRaisesTheFalsePages() throws Exception {
        // when
        Run test = promtool(RULES, "test", "rules", "alerts.test.yml", "alerts.weekly.test.yml");
        // then
        assertThat(test.exitCode()).as(test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS").doesNotContain("FAILED");
    }

    @Test
    @SuppressWarnings("unchecked")
    void eachAlertWaitsHasASeverityASummaryAndARunbookHeading() throws IOException {
        // given
        Map<String, Object> file = new Yaml().load(Files.readString(RULES.resolve("alerts.yml")));
        List<String> headings = Files.readAllLines(RUNBOOK).stream().filter(line -> line.startsWith("## ")).toList();
        List<Map<String, Object>> alerts = ((List<Map<String, Object>>) file.get("groups")).stream()
                .flatMap(group -> ((List<Map<String, Object>>) group.get("rules")).stream()).toList();
        // then
        assertThat(alerts).hasSize(9).allSatisfy(alert -> {
            String name = (String) alert.get("alert");
            Map<String, String> labels = (Map<String, String>) alert.get("labels");
            Map<String, String> annotations = (Map<String, String>) alert.get("annotations");
            assertThat(alert.get("for")).as(name + " for:").isNotNull();
            assertThat(labels.get("severity")).as(name + " severity").isIn("critical", "warning");
            assertThat(annotations.get("summary")).as(name + " summary").isNotBlank();
            assertThat(annotations.get("runbook_url")).as(name + " runbook_url")
                    .isEqualTo("docs/runbook.md#" + name.toLowerCase(Locale.ROOT));
            assertThat(headings).as("a heading of docs/runbook.md for " + name).contains("## " + name);
        });
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
        // a week of rule evaluations on a busy two-core machine takes promtool tens of seconds
        assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("promtool ended within 300 s").isTrue();
        return new Run(process.exitValue(), output);
    }
}

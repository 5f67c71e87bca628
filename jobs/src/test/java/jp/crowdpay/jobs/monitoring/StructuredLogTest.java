package jp.crowdpay.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.NoticeContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * With {@code logging.structured.format.console: ecs} every line the program prints on standard
 * output is one JSON object with its time, the operator's report included, and the figures of a
 * run are fields of their own. Run as cron runs the
 * program: structured logging set up in this JVM would change the log of every later test.
 */
@Tag(Tiers.PROCESS)
class StructuredLogTest extends DatabaseTest {

    private static final Map<String, String> ECS = Map.of(
            "LOGGING_STRUCTURED_FORMAT_CONSOLE", "ecs",
            "PAYOUT_FEES_DEFAULT", "500");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRunSummaryAndTheCarriedForwardReportAreJsonWithTheirFiguresAsFields(@TempDir Path workingDirectory)
            throws Exception {
        // given: 10,500 yen due at bank 0005 (fee 500), 999 yen below the threshold
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0005").reward(1, 10_500, "2026-11-01");
        ledger.payableWorker(2, "0005").reward(2, 999, "2026-11-01");
        // when
        ChildProcess.Result run = ChildProcess.run(workingDirectory, ECS, "payout", "--date", "2026-11-24");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        List<JsonNode> log = logEvents(run.out());
        assertThat(log).isNotEmpty().allSatisfy(event -> assertThat(event.path("@timestamp").asText()).isNotBlank());
        JsonNode summary = event(log, "nightlyPayoutJob summary:");
        assertThat(summary.path("log").path("level").asText()).isEqualTo("INFO");
        assertThat(fields(summary, "date", "status", "payouts", "gross_yen", "fee_yen", "transferred_yen", "below_threshold"))
                .as(summary.toString())
                .isEqualTo(Map.of("date", "2026-11-24", "status", "COMPLETED", "payouts", "1", "gross_yen", "10500",
                        "fee_yen", "500", "transferred_yen", "10000", "below_threshold", "1"));
        assertThat(summary.path("transferred_yen").isNumber()).isTrue();
        JsonNode carried = event(log, "nightlyPayoutJob carried forward:");
        assertThat(fields(carried, "reason", "workers", "yen")).as(carried.toString())
                .isEqualTo(Map.of("reason", "BELOW_THRESHOLD", "workers", "1", "yen", "999"));
    }

    @Test
    void everyLineOfAPayoutAndItsNoticesIsJsonTheOperatorsReportIncluded(@TempDir Path workingDirectory) throws Exception {
        // given: a payable worker, and one on carry-over whose reward reaches its deadline in 5 days
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0005").reward(1, 10_500, "2026-11-01");
        ledger.worker(2, "CARRY_OVER").reward(2, 3_000, "2026-05-29");
        Map<String, String> ecsWithNotices = new java.util.HashMap<>(ECS);
        ecsWithNotices.put("PAYOUT_NOTICES_AFTERPAYOUT", "true");
        // when
        ChildProcess.Result run = ChildProcess.run(workingDirectory, ecsWithNotices, "payout", "--date", "2026-11-20");
        // then: every line parses, and the operator's report is there, line by line, as events
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        List<JsonNode> log = logEvents(run.out());
        assertThat(log).hasSizeGreaterThan(20).allSatisfy(event -> assertThat(event.path("@timestamp").asText()).isNotBlank());
        List<String> report = log.stream().filter(event -> event.path("output").asText().equals("operator"))
                .map(event -> event.path("message").asText()).toList();
        assertThat(report).contains("payout run 1 for 2026-11-20", "  workers considered   2",
                "  payouts              1  gross 10,500 yen  fees 500 yen  transferred 10,000 yen",
                "Expiry notices of 2026-11-20 (thresholds 30, 7, 1 days): 1 notice, 3,000 yen at risk");
        assertThat(event(log, "payout run 1 for 2026-11-20").path("command").asText()).isEqualTo("payout");
        assertThat(fields(event(log, "nightlyPayoutJob summary:"), "payouts", "transferred_yen", "carry_over_method"))
                .isEqualTo(Map.of("payouts", "1", "transferred_yen", "10000", "carry_over_method", "1"));
        assertThat(event(log, "expiryNotices:").path("log").path("level").asText()).isEqualTo("INFO");
        NoticeContract.assertKept(workingDirectory.resolve("outbox"));
    }

    @Test
    void theErrorLineIsALogEventWithItsReason(@TempDir Path workingDirectory) throws Exception {
        // when
        ChildProcess.Result run = ChildProcess.run(workingDirectory, ECS, "payout", "--date", "2999-01-01");
        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        JsonNode error = event(logEvents(run.out()), "nightlyPayoutJob error:");
        assertThat(error.path("log").path("level").asText()).isEqualTo("ERROR");
        assertThat(error.path("outcome").asText()).isEqualTo("REFUSED");
        assertThat(error.path("reason").asText()).startsWith("--date 2999-01-01 is after today");
    }

    /** Every line the program printed on standard output, each of which must be a JSON object. */
    private static List<JsonNode> logEvents(String out) {
        return out.lines().map(StructuredLogTest::parse).toList();
    }

    private static JsonNode event(List<JsonNode> log, String messageStart) {
        return log.stream().filter(event -> event.path("message").asText().startsWith(messageStart)).findFirst()
                .orElseThrow(() -> new AssertionError("no log event " + messageStart + " in " + log));
    }

    private static Map<String, String> fields(JsonNode event, String... names) {
        Map<String, String> fields = new TreeMap<>();
        for (String name : names) {
            fields.put(name, event.path(name).asText());
        }
        return fields;
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (Exception notJson) {
            throw new AssertionError("a log line that is not JSON: " + line, notJson);
        }
    }
}

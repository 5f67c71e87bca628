package jp.crowdpay.jobs.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.runs.RepositoryTime;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * status and status --check compare instants: run by processes in three zones against the same
 * database at the same moment, they give the same answer and print the same times, in Tokyo's
 * zone with its offset; so do runs written by a process in yet another zone.
 */
@Tag(Tiers.PROCESS)
class StatusTimeZoneTest extends DatabaseTest {

    private static final List<String> ZONES = List.of("UTC", "Asia/Tokyo", "America/Los_Angeles");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    @TempDir
    Path work;

    @Test
    void theSameCheckUnderUtcTokyoAndLosAngelesGivesTheSameAnswerAndPrintsTheSameTimes() throws Exception {
        // given a night that completed 27 hours ago ...
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.reward(1, 12_000, "2026-11-01");
        assertThat(executeCapturing("payout", "--date", "2026-11-25").exitCode()).isEqualTo(ExitCodes.OK);
        jdbc.update("update batch_job_execution set start_time = start_time - interval '27 hours',"
                + " end_time = end_time - interval '27 hours'");
        String started = shown("start_time");
        String ended = shown("end_time");
        // ... and a lock release just now, by a process fourteen hours ahead of UTC
        ChildProcess.Result release = ChildProcess.run(work.resolve("release"), Map.of("TZ", "Pacific/Kiritimati"), "release-locks");
        assertThat(release.exitCode()).as(release.err()).isEqualTo(ExitCodes.OK);
        // (the check also looks at the outbox: an empty one, so that only the times count)
        String outbox = Files.createDirectories(work.resolve("outbox")).toString();
        // when
        Map<String, ChildProcess.Result> checks = new LinkedHashMap<>();
        Map<String, ChildProcess.Result> listings = new LinkedHashMap<>();
        for (String zone : ZONES) {
            checks.put(zone, ChildProcess.run(work.resolve("check-" + zone.replace('/', '-')), Map.of("TZ", zone, "PAYOUT_OUTBOX", outbox),
                    "status", "--check"));
        }
        for (String zone : ZONES) {
            listings.put(zone, ChildProcess.run(work.resolve("status-" + zone.replace('/', '-')), Map.of("TZ", zone), "status"));
        }
        // then the night is too old and the lock release recent, for all three, at the same printed time
        for (String zone : ZONES) {
            ChildProcess.Result check = checks.get(zone);
            assertThat(check.exitCode()).as(zone + ": " + check.err()).isEqualTo(ExitCodes.CHECK_FAILED);
            assertThat(check.err()).as(zone).matches("check failed: no payout run completed in the last 26h \\(the latest"
                    + " ended 27h(\\d+m)?(\\d+s)? ago, at " + Pattern.quote(ended) + "\\)\\n");
            assertThat(report(listings.get(zone))).as(zone).isEqualTo(report(listings.get("UTC")));
        }
        assertThat(report(listings.get("UTC"))).containsPattern("\\n  2026-11-25  COMPLETED .* " + Pattern.quote(started) + "  00:00:0")
                .containsPattern("lockReleaseJob\\n.*\\n  \\S+Z +COMPLETED +\\d+  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+09:00 ");
    }

    /** What status printed, without the log line it ends with (its time and process id differ from run to run). */
    private static String report(ChildProcess.Result status) {
        return status.out().lines().filter(line -> !line.contains(" INFO ")).collect(Collectors.joining("\n"));
    }

    /** A time of the night's execution as status prints it: in Tokyo's zone, with its offset. */
    private String shown(String column) {
        LocalDateTime recorded = jdbc.queryForObject("select " + column + " from batch_job_execution where job_execution_id ="
                + " (select min(job_execution_id) from batch_job_execution)", LocalDateTime.class);
        return SHOWN.format(RepositoryTime.instant(recorded).atZone(ZoneId.of("Asia/Tokyo")));
    }
}

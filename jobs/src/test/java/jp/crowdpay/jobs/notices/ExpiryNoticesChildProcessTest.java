package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildBackends;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.NoticeContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * notify-expiring in real child processes: killed with kill -9 while it records or writes, then
 * run again (in-process: the notices it leaves are the point); and bad thresholds, refused at start.
 */
@Tag(Tiers.PROCESS)
class ExpiryNoticesChildProcessTest extends ChildPayoutScenario {

    private static final String NIGHT = "2026-11-20";
    private static final String[] NOTIFY = {"notify-expiring", "--date", NIGHT};

    /** Six workers on carry-over, due in 1 to 30 days, two of them locked out; the night paid. */
    private NoticesFixture night() {
        NoticesFixture notices = new NoticesFixture(this::executeCapturing, jdbc, Path.of(OUTBOX));
        int[] daysLeft = {30, 12, 7, 3, 1, 0};
        for (int worker = 1; worker <= daysLeft.length; worker++) {
            notices.ledger().worker(worker, "CARRY_OVER");
            notices.dueIn(worker, 1_000L * worker, daysLeft[worker - 1], NIGHT);
            notices.dueIn(worker, 10L * worker, daysLeft[worker - 1] + 2, NIGHT);
        }
        notices.locked(5, "ADMIN", 0);
        notices.locked(6, "FAILED_ATTEMPTS", 6);
        notices.payout(NIGHT);
        return notices;
    }

    /** What one uninterrupted run records and writes for {@link #night()}; the tables are empty afterwards. */
    private String uninterruptedOutcome() throws Exception {
        NoticesFixture notices = night();
        Path uninterrupted = work.resolve("uninterrupted");
        ChildProcess.Result once = InProcess.run(uninterrupted, Map.of(), NOTIFY);
        assertThat(once.exitCode()).as(once.err()).isEqualTo(ExitCodes.OK);
        String expected = outcome(notices, uninterrupted);
        startFromEmptyTables();
        startFromEmptyOutbox();
        return expected;
    }

    /** The recorded notices, their rewards, the support listing and the outbox of the child, without sequence ids. */
    private String outcome(NoticesFixture notices, Path directory) throws Exception {
        return String.join("\n", notices.recorded().toString(),
                jdbc.queryForList("select n.worker_id || ':' || x.reward_id from expiry_notice_reward x"
                        + " join expiry_notice n on n.id = x.notice_id order by 1", String.class).toString(),
                jdbc.queryForList("select worker_id || ' ' || yen_at_risk || ' ' || support_lock"
                        + " from expiry_support_listing order by worker_id", String.class).toString(),
                jdbc.queryForList("select business_date || ' ' || thresholds::text || ' ' || file || ' ' || file_sha256"
                        + " from expiry_notice_batch", String.class).toString(),
                notices(directory).toString());
    }

    /** Every file in the child's notices folder, hidden ones included, with the sha256 of its bytes. */
    private static Map<String, String> notices(Path directory) throws Exception {
        NoticeContract.assertKept(directory.resolve("outbox"));
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory.resolve("outbox").resolve(NoticeFile.FOLDER))) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                files.put(file.getFileName().toString(), Outbox.sha256(file) + " (" + Files.size(file) + " bytes)");
            }
        }
        return files;
    }

    @Test
    void killedWhileRecordingTheSameCommandRecordsAndWritesWhatAnUninterruptedRunDoes() throws Exception {
        // given: what an uninterrupted run makes of the night, and the same night again
        String expected = uninterruptedOutcome();
        NoticesFixture notices = night();
        Path killed = work.resolve("killed");
        // when: killed with the first two notices inserted, uncommitted
        try (Blocker recording = Blocker.before("insert", "expiry_notice", "new.worker_id = 3")) {
            Process child = start(killed, Map.of(), NOTIFY);
            recording.awaitBlocked(child);
            ChildBackends.killHard(jdbc, child);
        }
        long afterKill = count("select count(*) from expiry_notice_batch") + count("select count(*) from expiry_notice");
        ChildProcess.Result again = InProcess.run(killed, Map.of(), NOTIFY);
        // then
        assertThat(afterKill).isZero();
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(notices, killed)).isEqualTo(expected);
        assertThat(expected).contains("expiry-20261120.jsonl", "expiry-20261120.jsonl.manifest.json")
                .contains("5 5000 STAFF_LOCK", "6 6000 NEEDS_SUPPORT");
    }

    @Test
    void killedWhileWritingTheFileTheSameCommandEndsWithTheFileOfAnUninterruptedRun() throws Exception {
        // given: what an uninterrupted run makes of the night, and the same night again
        String expected = uninterruptedOutcome();
        NoticesFixture notices = night();
        Path killed = work.resolve("killed");
        // when: killed with the notices recorded and the files linked, before the night records its file
        try (Blocker publishing = Blocker.before("update", "expiry_notice_batch", "new.file is not null")) {
            Process child = start(killed, Map.of(), NOTIFY);
            publishing.awaitBlocked(child);
            ChildBackends.killHard(jdbc, child);
        }
        long fileRecorded = count("select count(*) from expiry_notice_batch where file is not null");
        ChildProcess.Result again = InProcess.run(killed, Map.of(), NOTIFY);
        // then
        assertThat(fileRecorded).isZero();
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).startsWith("The notices of 2026-11-20 were recorded already; nothing new was written.");
        assertThat(outcome(notices, killed)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "30,0     | payout.notices.thresholds: every threshold must be 1 day or more, was 0 in [30, 0]",
            "30,7,30  | payout.notices.thresholds: names a threshold twice: [30, 7, 30]",
            "180,7    | payout.notices.thresholds: 180 days is not shorter than the withdrawal period, payout.deadline-days = 180",
            "30,seven | payout.notices.thresholds"})
    void badThresholdsStopTheProgramAtStartWithExit2(String thresholds, String message) throws Exception {
        // when
        ChildProcess.Result result = ChildProcess.run(work, Map.of("PAYOUT_NOTICES_THRESHOLDS", thresholds), NOTIFY);
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: invalid setting: " + message);
        assertThat(count("select count(*) from expiry_notice_batch")).isZero();
    }
}

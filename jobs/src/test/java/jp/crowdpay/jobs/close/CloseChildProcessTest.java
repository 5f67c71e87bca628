package jp.crowdpay.jobs.close;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * close-month in real child processes: killed with kill -9 while it records the close or while it
 * writes the journal, then run again (in-process: the close it leaves is the point); and a bad account
 * name, refused at start.
 */
@Tag(Tiers.PROCESS)
class CloseChildProcessTest extends ChildPayoutScenario {

    private static final String[] CLOSE = {"close-month", "--month", "2026-11", "--missed-nights", "2026-11-01..2026-11-27"};

    /** November's last three nights, with payouts, a worker below the threshold and one on carry-over; the nights began on 11-28. */
    private CloseFixture novemberEnd() {
        CloseFixture close = new CloseFixture(this::executeCapturing, jdbc, work.resolve("inbox"));
        close.ledger().payableWorker(1, "0036").payableWorker(2, "0001").payableWorker(3, "0001").worker(4, "CARRY_OVER");
        close.ledger().reward(1, 12_000, "2026-11-28");
        close.ledger().reward(2, 30_000, "2026-11-29");
        close.ledger().reward(3, 700, "2026-11-29");
        close.ledger().reward(4, 2_500, "2026-11-30");
        close.ledger().reward(1, 1_100, "2026-11-30");
        close.nights("2026-11-28", "2026-11-30");
        return close;
    }

    /** What one uninterrupted close records and writes of {@link #novemberEnd()}; the tables and outbox are empty afterwards. */
    private String uninterruptedOutcome() throws Exception {
        CloseFixture close = novemberEnd();
        Path uninterrupted = work.resolve("uninterrupted");
        ChildProcess.Result once = InProcess.run(uninterrupted, Map.of(), CLOSE);
        assertThat(once.exitCode()).as(once.err()).isEqualTo(ExitCodes.OK);
        String expected = outcome(close, uninterrupted);
        startFromEmptyTables();
        startFromEmptyOutbox();
        return expected;
    }

    /** The recorded close and its days, and every file of the child's journal folder, hidden ones included, with its sha256. */
    private static String outcome(CloseFixture close, Path directory) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> listing = Files.list(directory.resolve("outbox").resolve(JournalFiles.FOLDER))) {
            for (Path file : (Iterable<Path>) listing::iterator) {
                files.put(file.getFileName().toString(), Outbox.sha256(file) + " (" + Files.size(file) + " bytes)");
            }
        }
        return String.join("\n", close.recorded("2026-11"), close.recordedDays("2026-11"), files.toString());
    }

    @Test
    void killedWhileRecordingTheSameCommandRecordsAndWritesWhatAnUninterruptedCloseDoes() throws Exception {
        // given: what an uninterrupted close makes of the month, and the same month again
        String expected = uninterruptedOutcome();
        CloseFixture close = novemberEnd();
        Path killed = work.resolve("killed");
        // when: killed with the close and half its days inserted, uncommitted
        try (Blocker recording = Blocker.before("insert", "closed_month_day", "new.business_date = '2026-11-15'")) {
            Process child = start(killed, Map.of(), CLOSE);
            recording.awaitBlocked(child);
            ChildBackends.killHard(jdbc, child);
        }
        long afterKill = count("select count(*) from closed_month") + count("select count(*) from closed_month_day");
        ChildProcess.Result again = InProcess.run(killed, Map.of(), CLOSE);
        // then
        assertThat(afterKill).isZero();
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(close, killed)).isEqualTo(expected);
        assertThat(expected).startsWith("[0 0 late 0 0 0 0 0 closing 2 3200 night 2 3200 arrived 0 0")
                .contains("journal-202611.csv=", "journal-202611-utf8.csv=", "journal-202611.manifest.json=");
    }

    @Test
    void killedWhileWritingTheJournalTheSameCommandEndsWithTheJournalOfAnUninterruptedClose() throws Exception {
        // given
        String expected = uninterruptedOutcome();
        CloseFixture close = novemberEnd();
        Path killed = work.resolve("killed");
        // when: killed with the close recorded and the journal's files linked, before the close records its journal
        try (Blocker publishing = Blocker.before("update", "closed_month", "new.journal_manifest is not null")) {
            Process child = start(killed, Map.of(), CLOSE);
            publishing.awaitBlocked(child);
            ChildBackends.killHard(jdbc, child);
        }
        long journalRecorded = count("select count(*) from closed_month where journal_manifest is not null");
        ChildProcess.Result again = InProcess.run(killed, Map.of(), CLOSE);
        // then
        assertThat(journalRecorded).isZero();
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).startsWith("2026-11 was closed already (closed ");
        assertThat(outcome(close, killed)).isEqualTo(expected);
    }

    @Test
    void anAccountNameCp932CannotEncodeStopsTheProgramAtStartWithExit2() throws Exception {
        // when
        ChildProcess.Result result = ChildProcess.run(work, Map.of("PAYOUT_CLOSE_ACCOUNTS_LIABILITY", "미지급금"), CLOSE);
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: invalid setting: payout.close.accounts.liability: '미지급금' has U+BBF8 '미',"
                + " which CP932 (Shift_JIS, the encoding 弥生会計 imports) cannot encode");
        assertThat(count("select count(*) from closed_month")).isZero();
    }
}

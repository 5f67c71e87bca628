package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.stream.Stream;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildBackends;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * kill -9 of a real payout process at chosen points. Each point is reached deterministically: a
 * test-only trigger stops the child inside the transaction of that point, the test waits until
 * the database shows it waiting there, and kills it. The same command then has to end in the
 * ledger and files of an uninterrupted run.
 */
@Tag(Tiers.PROCESS)
class CrashRecoveryTest extends ChildPayoutScenario {

    /** pg_locks shows every database of the server: other test runs may wait on tables of the same name. */
    private static final String CURRENT_DATABASE = "(select oid from pg_database where datname = current_database())";

    @Test
    void killedDuringExpiryTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedRun() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("killed");
        // when: killed while expiring, the first reward expired but not committed
        try (Blocker expiring = Blocker.before("update", "reward", "new.status = 'EXPIRED'")) {
            killAtBlocker(directory, expiring);
        }
        assertThat(count("select count(*) from reward where status = 'EXPIRED'")).isZero();
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    @Test
    void killedInTheMiddleOfPayingTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedRun() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("killed");
        // when: killed while writing the chunk of the later workers, the earlier chunks committed
        killWhilePaying(directory);
        assertThat(count("select count(*) from payout")).isPositive();
        assertThat(count("select count(*) from payout where worker_id > " + LATER_WORKERS)).isZero();
        // a child: nothing on the whole standard error of a process, the JVM's own lines included
        ChildProcess.Result rerun = ChildProcess.run(directory, ENV, "payout", "--date", DATE);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(rerun.err()).doesNotContain("error");
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    @Test
    void killedWhileMarkingThePaidRewardsTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedRun() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("killed");
        // when: killed while marking the range that holds reward 201, every payout recorded
        try (Blocker marking = Blocker.before("update", "reward", "new.status = 'PAID' and old.id > 200")) {
            killAtBlocker(directory, marking);
        }
        SettlingRange killed = markingRangeHolding(201);
        assertThat(killed.status()).isEqualTo("STARTED");
        assertThat(count("select count(*) from reward where status = 'PAID' and id >= " + killed.first())).isZero();
        assertThat(count("select count(*) from batch_step_execution where step_name = 'payWorkersStep'"
                + " and status = 'COMPLETED'")).isOne();
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    /**
     * A run keeps the place it opened with: killed while its paying chunks mark their own
     * rewards, it is continued by a command whose setting says by ranges, and its later chunks
     * still mark their own. It ends as the uninterrupted run, which marked by ranges.
     */
    @Test
    void killedWhileAChunkMarksItsOwnRewardsTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedRun() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("killed");
        // when: killed while the chunk of the later workers marks their rewards, the earlier chunks committed with theirs
        try (Blocker marking = Blocker.before("update", "reward", "new.status = 'PAID' and old.worker_id > " + LATER_WORKERS)) {
            killAtBlocker(directory, marking, IN_CHUNKS);
        }
        assertThat(count("select count(*) from reward r join payout p on p.id = r.payout_id where p.worker_id <= "
                + LATER_WORKERS)).isPositive();
        assertThat(count("select count(*) from payout where worker_id > " + LATER_WORKERS)).isZero();
        assertThat(count("select count(*) from reward where status = 'PAID' and worker_id > " + LATER_WORKERS)).isZero();
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("select marks_paid from payout_run", String.class)).isEqualTo("IN_CHUNKS");
        // every paid reward was marked by a paying chunk (the chunks' tally), none by the settling step's ranges
        assertThat(count("select coalesce(sum(marked_rewards), 0) from payout_run_tally"))
                .isEqualTo(count("select count(*) from reward where status = 'PAID'")).isPositive();
    }

    /**
     * What is simulated: the process dies while it streams the payouts into the bank file. The
     * child is stopped first as stageBankFileStep starts (a trigger on its step execution), then
     * the test takes an exclusive lock on the payout table and lets the child go on: the child
     * creates its temporary file in the outbox and waits for the payouts, and dies there. It
     * leaves what a writer killed mid-file leaves: a partial temporary file, no final file.
     */
    @Test
    void killedWhileWritingTheBankFileTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedRun() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("killed");
        // when
        try (Blocker startingTheFile = Blocker.before("insert", "batch_step_execution", "new.step_name = 'stageBankFileStep'");
             Connection payoutLock = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "")) {
            Process child = startPayout(directory);
            startingTheFile.awaitBlocked(child);
            payoutLock.setAutoCommit(false);
            try (Statement statement = payoutLock.createStatement()) {
                statement.execute("lock table payout in access exclusive mode");
            }
            startingTheFile.release();
            // the marking beside it waits for the payouts too: the temporary file says the writer does
            Await.until("the child waits for the payouts with its temporary file open", Duration.ofSeconds(60), child,
                    () -> hiddenTemporaryFiles(directory).size() == 1
                            && count("select count(*) from pg_locks where locktype = 'relation' and not granted"
                            + " and relation = 'payout'::regclass and database = " + CURRENT_DATABASE) > 0);
            ChildBackends.killHard(jdbc, child);
            payoutLock.rollback();
        }
        assertThat(outbox(directory)).allSatisfy((name, content) -> assertThat(name).endsWith(".tmp"));
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    @Test
    void killedAfterTheFileIsInPlaceButBeforeItIsRecordedTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedRun()
            throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("killed");
        // when: the file and its manifest are linked into the outbox; the run is about to record them
        try (Blocker recordingTheFile = Blocker.before("update", "payout_run",
                "old.bank_file is null and new.bank_file is not null")) {
            killAtBlocker(directory, recordingTheFile);
        }
        assertThat(outbox(directory)).containsOnlyKeys(expected.outbox().keySet());
        assertThat(count("select count(*) from payout_run where bank_file is not null")).isZero();
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    @Test
    void killedAfterTheFileIsRecordedButBeforeTheRunIsCompleteTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedRun()
            throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("killed");
        // when: writeBankFileStep committed; closeRunStep is about to mark the run complete
        try (Blocker completing = Blocker.before("update", "payout_run",
                "old.completed_at is null and new.completed_at is not null")) {
            killAtBlocker(directory, completing);
        }
        assertThat(count("select count(*) from payout_run where bank_file is not null and completed_at is null")).isOne();
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    private void killAtBlocker(Path directory, Blocker blocker) throws Exception {
        killAtBlocker(directory, blocker, ENV);
    }

    private static java.util.List<Path> hiddenTemporaryFiles(Path directory) throws java.io.IOException {
        try (Stream<Path> files = Files.list(directory.resolve("outbox"))) {
            return files.filter(file -> file.getFileName().toString().startsWith(".")).toList();
        }
    }
}

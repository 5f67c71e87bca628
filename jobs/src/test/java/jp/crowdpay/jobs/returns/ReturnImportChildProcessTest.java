package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildBackends;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * Imports in real child processes: killed with kill -9 or cut from the database inside their
 * transaction (stopped there by a test-only trigger), and two at once.
 */
@Tag(Tiers.PROCESS)
class ReturnImportChildProcessTest extends ChildPayoutScenario {

    private static final String[] IMPORT = {"import-returns", "returns.csv", "--date", "2026-11-25"};

    /** Workers 1-6 paid on 2026-11-24 (5,000 yen each, fee 100 at 0036, 500 at 0001), and a notice returning 2, 3 and 5. */
    private void paidNightAndNotice(Path directory) throws Exception {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        for (long worker = 1; worker <= 6; worker++) {
            ledger.payableWorker(worker, worker % 2 == 1 ? "0036" : "0001");
            ledger.reward(worker, 5_000, "2026-11-01");
        }
        assertThat(execute(new PrintStream(new ByteArrayOutputStream()), System.err, "payout", "--date", "2026-11-24"))
                .isEqualTo(ExitCodes.OK);
        ReturnsFixture.notice(directory.resolve("returns.csv"),
                "payout-20261124.csv,0000000002,0001,101,0000002,4500,1,",
                "payout-20261124.csv,0000000003,0036,101,0000003,4900,2,",
                "payout-20261124.csv,0000000005,0036,101,0000005,4900,9,");
    }

    @Test
    void killedDuringTheImportTheSameCommandEndsInTheLedgerOfOneUninterruptedImport() throws Exception {
        // given: what one uninterrupted import makes of the ledger
        ReturnsFixture returns = new ReturnsFixture(jdbc);
        Path uninterrupted = work.resolve("uninterrupted");
        paidNightAndNotice(uninterrupted);
        ChildProcess.Result once = ChildProcess.run(uninterrupted, Map.of(), IMPORT);
        assertThat(once.exitCode()).as(once.err()).isEqualTo(ExitCodes.OK);
        String expected = returns.snapshot();
        startFromEmptyTables();
        startFromEmptyOutbox();
        Path killed = work.resolve("killed");
        paidNightAndNotice(killed);
        String before = returns.snapshot();
        // when: killed with the first return recorded and the second one's credit on its way, uncommitted
        try (Blocker crediting = Blocker.before("insert", "reward", "new.return_id is not null and new.worker_id = 3")) {
            Process child = start(killed, Map.of(), IMPORT);
            crediting.awaitBlocked(child);
            ChildBackends.killHard(jdbc, child);
        }
        String afterKill = returns.snapshot();
        ChildProcess.Result again = ChildProcess.run(killed, Map.of(), IMPORT);
        // then
        assertThat(afterKill).isEqualTo(before);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("  returns recorded     3  transferred 14,300 yen  fees 700 yen");
        assertThat(returns.snapshot()).isEqualTo(expected);
    }

    @Test
    void aFileOfARunThatDidNotCompleteIsRefusedUntilTheRunCompletes() throws Exception {
        // given: the payout of the 24th killed after writing its file, before recording its completion
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.reward(1, 5_000, "2026-11-01");
        Path directory = work.resolve("night");
        try (Blocker closing = Blocker.before("update", "payout_run", "new.completed_at is not null")) {
            Process child = start(directory, ENV, "payout", "--date", "2026-11-24");
            closing.awaitBlocked(child);
            ChildBackends.killHard(jdbc, child);
        }
        assertThat(count("select count(*) from payout_run where bank_file is not null and completed_at is null")).isEqualTo(1);
        // the child runs without the tests' fee settings: no fee, 5,000 yen transferred
        ReturnsFixture.notice(directory.resolve("returns.csv"), "payout-20261124.csv,0000000001,0036,101,0000001,5000,1,");
        String before = new ReturnsFixture(jdbc).snapshot();
        // when
        ChildProcess.Result refused = ChildProcess.run(directory, Map.of(), IMPORT);
        String afterRefusal = new ReturnsFixture(jdbc).snapshot();
        ChildProcess.Result night = InProcess.run(directory, ENV, "payout", "--date", "2026-11-24");
        ChildProcess.Result accepted = ChildProcess.run(directory, Map.of(), IMPORT);
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("  line 1: the payout run of 2026-11-24 that wrote payout-20261124.csv has not"
                + " completed; returns are imported against completed runs only");
        assertThat(night.exitCode()).as(night.err()).isEqualTo(ExitCodes.OK);
        assertThat(accepted.exitCode()).as(accepted.err()).isEqualTo(ExitCodes.OK);
        assertThat(afterRefusal).isEqualTo(before);
        assertThat(jdbc.queryForObject("select amount_yen from reward where return_id is not null", Long.class))
                .isEqualTo(5_000);
    }

    @Test
    void aLostConnectionFailsTheImportWithExit1AndOneLineAndTheSameCommandAppliesItOnce() throws Exception {
        // given
        Path directory = work.resolve("cut");
        paidNightAndNotice(directory);
        String before = new ReturnsFixture(jdbc).snapshot();
        Process child;
        // when: the database drops the import's connection in the middle of its transaction
        try (Blocker crediting = Blocker.before("insert", "reward", "new.return_id is not null and new.worker_id = 3")) {
            child = start(directory, Map.of(), IMPORT);
            crediting.awaitBlocked(child);
            ChildBackends.terminateAll(jdbc, child);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
        String err = Files.readString(directory.resolve("stderr.txt"));
        String afterFailure = new ReturnsFixture(jdbc).snapshot();
        ChildProcess.Result again = ChildProcess.run(directory, Map.of(), IMPORT);
        // then
        assertThat(child.exitValue()).isEqualTo(ExitCodes.FAILED);
        assertThat(err.lines().filter(line -> line.startsWith("error: "))).singleElement().asString()
                .startsWith("error: the import of returns.csv failed: database connection lost (")
                .endsWith("); nothing was applied; run the same command again");
        assertThat(afterFailure).isEqualTo(before);
        assertThat(again.exitCode()).as(again.err()).isEqualTo(ExitCodes.OK);
        assertThat(count("select count(*) from payout_return")).isEqualTo(3);
    }

    @Test
    void twoImportsOfTheSameNoticeAtOnceApplyItOnce() throws Exception {
        // given
        Path directory = work.resolve("twice");
        paidNightAndNotice(directory);
        Process first;
        Process second;
        // when: the second starts while the first holds its transaction open
        try (Blocker crediting = Blocker.before("insert", "reward", "new.return_id is not null and new.worker_id = 3")) {
            first = start(directory.resolve("first"), Map.of(), "import-returns", "../returns.csv", "--date", "2026-11-25");
            crediting.awaitBlocked(first);
            second = start(directory.resolve("second"), Map.of(), "import-returns", "../returns.csv", "--date", "2026-11-25");
            Await.until("the second import waits for the first", Duration.ofSeconds(60), second,
                    () -> count("select count(*) from pg_locks where locktype = 'relation' and not granted"
                            + " and relation = 'return_notice'::regclass"
                            + " and database = (select oid from pg_database where datname = current_database())") > 0);
        }
        // then
        assertThat(first.waitFor(60, TimeUnit.SECONDS) && second.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(List.of(first.exitValue(), second.exitValue())).containsExactly(ExitCodes.OK, ExitCodes.OK);
        assertThat(Files.readString(directory.resolve("first/stdout.txt"))).contains("  returns recorded     3");
        assertThat(Files.readString(directory.resolve("second/stdout.txt"))).contains("was imported already (")
                .contains("3 returns;");
        assertThat(count("select count(*) from payout_return")).isEqualTo(3);
        assertThat(count("select sum(amount_yen) from reward where return_id is not null")).isEqualTo(14_300);
    }
}

package jp.crowdpay.jobs.bankmaster;

import static jp.crowdpay.jobs.bankmaster.BankMasterImporter.Removals.LIMITED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * A payout uses one version of the bank master from its start to its end, across a crash and
 * the run that continues it: import-banks is refused while a run is in progress or unfinished,
 * and a run that starts while an import is under way waits for it. Real child processes, stopped
 * at a chosen row by a blocker.
 */
@Tag(Tiers.PROCESS)
class BankMasterDuringPayoutTest extends ChildPayoutScenario {

    /** One worker per chunk: the run is stopped between the payouts of workers 1 and 2. */
    private static final Map<String, String> CHUNKS_OF_ONE = Map.of("PAYOUT_CHUNKSIZE", "1");
    private static final String ORIGINAL_NAMES = "ﾗｸﾃﾝ ｼﾞﾔｽﾞ";

    @Autowired
    private BankMasterImporter importer;

    /** The fixture master with bank 0036 and its branch 251 renamed. */
    private Path renamed;

    @BeforeEach
    void masterAndThreeWorkersAtOneBranch() throws Exception {
        importer.importFile(BankMasterImportTest.FOUR_BANKS, LIMITED);
        renamed = Files.writeString(work.resolve("renamed.json"), Files.readString(BankMasterImportTest.FOUR_BANKS,
                StandardCharsets.UTF_8).replace("ラクテン", "ラクテンギンコウ").replace("ジヤズ", "ジヤズシテン"), StandardCharsets.UTF_8);
        LedgerFixture ledger = new LedgerFixture(jdbc);
        for (long worker = 1; worker <= 3; worker++) {
            ledger.worker(worker, "ON_DEMAND").account(worker, "0036", "251", 1, String.format("%07d", worker), "ﾃｽﾄ");
            ledger.reward(worker, 5_000, "2026-10-20");
        }
    }

    @Test
    void importIsRefusedWhileAPayoutRunsAndEveryPayoutHasTheNamesOfTheMasterTheRunStartedWith() throws Exception {
        // given a run stopped after paying worker 1
        Process payout;
        Captured refused;
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id = 2")) {
            payout = start(work.resolve("payout"), CHUNKS_OF_ONE, "payout", "--date", DATE);
            paying.awaitBlocked(payout);
            // when
            refused = importBanks(renamed);
        }
        // then
        assertThat(payout.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(payout.exitValue()).isEqualTo(ExitCodes.OK);
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(refused.err()).hasLineCount(1).contains("a payout run is in progress", "nightlyPayoutJob", "unchanged");
        assertThat(namesOnPayouts()).containsExactly("1 " + ORIGINAL_NAMES, "2 " + ORIGINAL_NAMES, "3 " + ORIGINAL_NAMES);
        assertThat(importBanks(renamed).exitCode()).as("once the run completed").isEqualTo(ExitCodes.OK);
    }

    @Test
    void importIsRefusedWhileAKilledRunWaitsForTheSameCommandWhichThenPaysWithTheMasterItStartedWith() throws Exception {
        // given a run killed after paying worker 1
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id = 2")) {
            Process payout = start(work.resolve("payout"), CHUNKS_OF_ONE, "payout", "--date", DATE);
            paying.awaitBlocked(payout);
            payout.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        // when
        Captured refused = importBanks(renamed);
        // then: refused, and by the database too for a change made by hand
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.ALREADY_RUNNING);
        assertThat(refused.err()).hasLineCount(1)
                .contains("the payout of " + DATE + " has not completed", "payout --date " + DATE, "unchanged");
        assertThatThrownBy(() -> jdbc.update("update bank set kana = 'ラクテンギンコウ' where code = '0036'"))
                .hasMessageContaining("the bank master cannot change while the payout of " + DATE + " has not completed");
        // and the same command completes the run with the master it started with
        ChildProcess.Result rerun = ChildProcess.run(work.resolve("payout"), CHUNKS_OF_ONE, "payout", "--date", DATE);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(namesOnPayouts()).containsExactly("1 " + ORIGINAL_NAMES, "2 " + ORIGINAL_NAMES, "3 " + ORIGINAL_NAMES);
        assertThat(importBanks(renamed).exitCode()).as("once the run completed").isEqualTo(ExitCodes.OK);
    }

    @Test
    void aPayoutLaunchedDuringAnImportWaitsForItAndPaysEveryoneWithTheNewMaster() throws Exception {
        // given an import stopped in its transaction, the new master written but not committed
        Process payout;
        Process importing;
        try (Blocker logging = Blocker.before("insert", "bank_master_import", "true")) {
            importing = start(work.resolve("import"), Map.of(), "import-banks", renamed.toString());
            logging.awaitBlocked(importing);
            // when
            payout = start(work.resolve("payout"), CHUNKS_OF_ONE, "payout", "--date", DATE);
            // then it waits for the master before it opens its run
            Await.until("the payout waits for the bank master", Duration.ofSeconds(60), payout,
                    () -> count("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                            + " and objid = hashtext('" + BankMaster.RESOURCE + "')::oid"
                            + " and database = (select oid from pg_database where datname = current_database())") == 1);
            assertThat(count("select count(*) from payout_run")).isZero();
        }
        assertThat(importing.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(payout.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(importing.exitValue()).isEqualTo(ExitCodes.OK);
        assertThat(payout.exitValue()).isEqualTo(ExitCodes.OK);
        assertThat(namesOnPayouts()).containsExactly("1 ﾗｸﾃﾝｷﾞﾝｺｳ ｼﾞﾔｽﾞｼﾃﾝ", "2 ﾗｸﾃﾝｷﾞﾝｺｳ ｼﾞﾔｽﾞｼﾃﾝ", "3 ﾗｸﾃﾝｷﾞﾝｺｳ ｼﾞﾔｽﾞｼﾃﾝ");
    }

    private List<String> namesOnPayouts() {
        return jdbc.queryForList("select worker_id || ' ' || bank_name_kana || ' ' || branch_name_kana from payout"
                + " order by worker_id", String.class);
    }

    private Captured importBanks(Path file) {
        return executeCapturing("import-banks", file.toString());
    }
}

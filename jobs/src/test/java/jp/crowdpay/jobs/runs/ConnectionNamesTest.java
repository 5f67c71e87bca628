package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildBackends;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** Every connection of a run names the program and its command in pg_stat_activity: what the query of docs/runbook.md's "A run seems stuck" finds. */
@Tag(Tiers.PROCESS)
class ConnectionNamesTest extends DatabaseTest {

    @TempDir
    Path work;

    @Test
    void everyConnectionOfARunningPayoutIsNamedAfterTheProgramAndItsCommand() throws Exception {
        // given a payout stopped in the middle of its paying step
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.payableWorker(2, "0036");
        ledger.reward(1, 5_000, "2026-10-20");
        ledger.reward(2, 5_000, "2026-10-20");
        Process payout = null;
        List<String> names;
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id = 2")) {
            payout = ChildProcess.start(work, Map.of("PAYOUT_CHUNKSIZE", "1"), "payout", "--date", "2026-11-02");
            paying.awaitBlocked(payout);
            // when
            names = jdbc.queryForList("select application_name from pg_stat_activity where pid = any(?) order by 1",
                    String.class, (Object) ChildBackends.of(jdbc, payout).toArray(Integer[]::new));
        } finally {
            if (payout != null && !payout.waitFor(120, TimeUnit.SECONDS)) {
                payout.destroyForcibly();
            }
        }
        // then: the pool's connections and the run lock's
        assertThat(payout.exitValue()).isEqualTo(ExitCodes.OK);
        assertThat(names).contains("payout-jobs payout")
                .anyMatch(name -> name.startsWith("payout-jobs nightlyPayoutJob on "))
                .allMatch(name -> name.equals("payout-jobs payout") || name.startsWith("payout-jobs nightlyPayoutJob on "));
    }

    @Test
    void theRunLockConnectionGoesBackToThePoolUnderThePoolsName() {
        // given
        SingleRunGuard guard = new SingleRunGuard(jdbc.getDataSource(), null);
        Integer lockConnection;
        // when
        try (RunLease lease = guard.acquire("someJob")) {
            lockConnection = jdbc.queryForObject("select pid from pg_stat_activity where datname = current_database()"
                    + " and application_name like 'payout-jobs someJob on %'", Integer.class);
        }
        // then
        assertThat(jdbc.queryForObject("select application_name from pg_stat_activity where pid = ?", String.class, lockConnection))
                .isEqualTo("payout-jobs");
    }
}

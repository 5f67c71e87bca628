package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * A night killed with kill -9 does not stall the schedule: the next night's command completes
 * the killed date first, then runs its own, and the ledger and the two bank files are those of
 * two uninterrupted nights.
 */
@Tag(Tiers.PROCESS)
class KilledNightCatchUpTest extends ChildPayoutScenario {

    private static final String NEXT_DATE = "2026-11-03";

    @Test
    void theNextNightsCommandCompletesTheKilledNightThenRunsItsOwnDateAsTwoUninterruptedNightsWould() throws Exception {
        // given: what two uninterrupted nights make of the ledger
        seedLedger();
        Path uninterrupted = work.resolve("uninterrupted");
        assertThat(runPayout(uninterrupted).exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(InProcess.run(uninterrupted, ENV, "payout", "--date", NEXT_DATE).exitCode()).isEqualTo(ExitCodes.OK);
        Outcome expected = outcome(uninterrupted);
        assertThat(expected.outbox()).containsOnlyKeys("payout-20261102.csv", "payout-20261102.csv.manifest.json",
                "payout-20261103.csv", "payout-20261103.csv.manifest.json");
        startFromEmptyTables();
        seedLedger();
        Path killed = work.resolve("killed");
        killWhilePaying(killed);
        assertThat(count("select count(*) from payout_run where completed_at is null")).isOne();
        // when: cron's next night
        ChildProcess.Result next = runDate(killed, NEXT_DATE);
        // then
        assertThat(next.exitCode()).as(next.err() + next.out()).isEqualTo(ExitCodes.OK);
        assertThat(next.err()).isEmpty();
        assertThat(next.out()).contains("Continued the unfinished run of " + DATE + ", then ran " + NEXT_DATE + ".")
                .contains("payout finished: exit=0 (done)");
        assertThat(jdbc.queryForList("""
                select p.parameter_value || ' ' || e.status from batch_job_execution e
                join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                where e.job_execution_id in (select max(job_execution_id) from batch_job_execution group by job_instance_id)
                order by 1""", String.class))
                .containsExactly(DATE + " COMPLETED", NEXT_DATE + " COMPLETED");
        assertThat(outcome(killed)).isEqualTo(expected);
        assertThat(new LedgerFixture(jdbc).snapshot()).isEqualTo(expected.ledger());
    }

    private ChildProcess.Result runDate(Path directory, String date) throws Exception {
        return ChildProcess.run(directory, ENV, "payout", "--date", date);
    }
}

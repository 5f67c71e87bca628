package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * A date between the latest completed night and a later one that was killed cannot run: only one
 * run is unfinished at a time. It is refused with advice that works, touching nothing and
 * recording no failure over the killed night's.
 */
@Tag(Tiers.PROCESS)
class PayoutBetweenNightsTest extends ChildPayoutScenario {

    private static final String COMPLETED = "2026-04-01";
    private static final String BETWEEN = "2026-07-15";
    /** What RunMetrics logs for each error line of a run it observes, with the outcome it records. */
    private static final String OBSERVED_ERROR = "nightlyPayoutJob error:";

    @Test
    void aDateBetweenACompletedAndAKilledNightIsRefusedWithExitTwoUntilTheKilledNightIsFinished() throws Exception {
        // given: the night of 2026-04-01 completed, the night of 2026-11-02 was killed while paying
        seedLedger();
        assertThat(InProcess.run(work.resolve("april"), ENV, "payout", "--date", COMPLETED).exitCode()).isEqualTo(ExitCodes.OK);
        Path killed = work.resolve("killed");
        killWhilePaying(killed);
        String ledgerBefore = new LedgerFixture(jdbc).snapshot();
        String executionsBefore = executions();
        Map<String, String> outboxBefore = outbox(killed);

        // when
        ChildProcess.Result refused = ChildProcess.run(killed, ENV, "payout", "--date", BETWEEN);

        // then: exit 2, one line of advice, nothing touched, no execution recorded
        assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).isEqualTo("error: the payout of " + DATE + " has not completed, and " + BETWEEN
                + " lies before it: finish " + DATE + " first with 'payout --date " + DATE + "'; then " + BETWEEN
                + " lies in the past and needs no run of its own (the next night pays what it owed); nothing was"
                + " touched\n");
        assertThat(new LedgerFixture(jdbc).snapshot()).isEqualTo(ledgerBefore);
        assertThat(executions()).isEqualTo(executionsBefore).doesNotContain(BETWEEN);
        assertThat(count("select count(*) from payout_run where business_date = date '" + BETWEEN + "'")).isZero();
        assertThat(outbox(killed)).isEqualTo(outboxBefore);
        // and counted as a refusal, not as a failed night (RunMetrics logs each error line with the outcome it
        // records: a refusal sets payout_jobs_refused and leaves payout_run_failed as it was)
        assertThat(refused.out()).contains(OBSERVED_ERROR + " job=nightlyPayoutJob outcome=REFUSED")
                .doesNotContain("outcome=FAILED");

        // when: the advice is followed
        ChildProcess.Result finished = InProcess.run(killed, ENV, "payout", "--date", DATE);
        ChildProcess.Result again = ChildProcess.run(killed, ENV, "payout", "--date", BETWEEN);
        // then: the killed night completes, and the date between needs no run (refused again, now as in the past)
        assertThat(finished.exitCode()).as(finished.err()).isEqualTo(ExitCodes.OK);
        assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(again.err()).contains("the payout of " + DATE + " already completed, so " + BETWEEN + " lies in the past");
        assertThat(again.out()).contains(OBSERVED_ERROR + " job=nightlyPayoutJob outcome=REFUSED");
        assertThat(count("select count(*) from payout_run where completed_at is null")).isZero();
    }

    /** Every job execution: its date and status. */
    private String executions() {
        return jdbc.queryForList("""
                select p.parameter_value || ' ' || e.status from batch_job_execution e
                join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                order by e.job_execution_id""", String.class).toString();
    }
}

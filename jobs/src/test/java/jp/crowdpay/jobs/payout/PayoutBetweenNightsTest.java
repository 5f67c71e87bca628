package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.Pushgateway;
import org.junit.jupiter.api.Test;

/**
 * A date between the latest completed night and a later one that was killed cannot run: only one
 * run is unfinished at a time. It is refused with advice that works, touching nothing and
 * recording no failure over the killed night's.
 */
class PayoutBetweenNightsTest extends ChildPayoutScenario {

    private static final String COMPLETED = "2026-04-01";
    private static final String BETWEEN = "2026-07-15";
    private static final String JOB = "payout-jobs-between-nights-test";

    @Test
    void aDateBetweenACompletedAndAKilledNightIsRefusedWithExitTwoUntilTheKilledNightIsFinished() throws Exception {
        // given: the night of 2026-04-01 completed, the night of 2026-11-02 was killed while paying
        seedLedger();
        assertThat(ChildProcess.run(work.resolve("april"), ENV, "payout", "--date", COMPLETED).exitCode()).isEqualTo(ExitCodes.OK);
        Path killed = work.resolve("killed");
        killWhilePaying(killed);
        String ledgerBefore = new LedgerFixture(jdbc).snapshot();
        String executionsBefore = executions();
        Map<String, String> outboxBefore = outbox(killed);

        try (Pushgateway gateway = Pushgateway.start(work.resolve("pushgateway"))) {
            // a job name of this test's own: other checkouts' tests may push to a port this gateway reuses
            Map<String, String> pushing = new HashMap<>(ENV);
            pushing.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true");
            pushing.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", gateway.address());
            pushing.put("MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_JOB", JOB);
            String ours = "job=\"" + JOB + "\"";

            // when
            ChildProcess.Result refused = ChildProcess.run(killed, pushing, "payout", "--date", BETWEEN);

            // then: exit 2, one line of advice, nothing touched, no execution recorded, no failure pushed
            assertThat(refused.exitCode()).as(refused.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(refused.err()).isEqualTo("error: the payout of " + DATE + " has not completed, and " + BETWEEN
                    + " lies before it: finish " + DATE + " first with 'payout --date " + DATE + "'; then " + BETWEEN
                    + " lies in the past and needs no run of its own (the next night pays what it owed); nothing was"
                    + " touched\n");
            assertThat(new LedgerFixture(jdbc).snapshot()).isEqualTo(ledgerBefore);
            assertThat(executions()).isEqualTo(executionsBefore).doesNotContain(BETWEEN);
            assertThat(count("select count(*) from payout_run where business_date = date '" + BETWEEN + "'")).isZero();
            assertThat(outbox(killed)).isEqualTo(outboxBefore);
            assertThat(gateway.value("payout_run_failed", ours)).isEmpty();
            assertThat(gateway.value("payout_run_last_failure_timestamp_seconds", ours)).isEmpty();

            // when: the advice is followed
            ChildProcess.Result finished = ChildProcess.run(killed, ENV, "payout", "--date", DATE);
            ChildProcess.Result again = ChildProcess.run(killed, pushing, "payout", "--date", BETWEEN);
            // then: the killed night completes, and the date between needs no run (a refusal of a run, which
            // records its failure as every refused run does: the checks of the metric above can fail)
            assertThat(finished.exitCode()).as(finished.err()).isEqualTo(ExitCodes.OK);
            assertThat(again.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(again.err()).contains("the payout of " + DATE + " already completed, so " + BETWEEN
                    + " lies in the past");
            assertThat(count("select count(*) from payout_run where completed_at is null")).isZero();
            assertThat(gateway.value("payout_run_failed", ours)).contains(1.0);
        }
    }

    /** Every job execution: its date and status. */
    private String executions() {
        return jdbc.queryForList("""
                select p.parameter_value || ' ' || e.status from batch_job_execution e
                join batch_job_execution_params p on p.job_execution_id = e.job_execution_id
                order by e.job_execution_id""", String.class).toString();
    }
}

package jp.crowdpay.jobs.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildBackends;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import org.junit.jupiter.api.Test;

/** The database drops the connections of a running payout: the run fails clearly, and the same command completes it. */
class ConnectionLossTest extends ChildPayoutScenario {

    @Test
    void aRunWhoseDatabaseConnectionsDropMidPayFailsWithExitOneAndTheSameCommandCompletesIt() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("dropped");
        Process child;
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id > " + LATER_WORKERS)) {
            child = startPayout(directory);
            paying.awaitBlocked(child);
            // when: every connection of the child is dropped, the run lease's and the job's
            ChildBackends.terminateAll(jdbc, child);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ends by itself").isTrue();
        String err = Files.readString(directory.resolve("stderr.txt"));
        // then
        assertThat(child.exitValue()).as(err).isEqualTo(ExitCodes.FAILED);
        assertThat(err).contains("error: the payout for " + DATE)
                .contains("the connection to the database was lost")
                .contains("run the same command again");
        ChildProcess.Result rerun = runPayout(directory);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    /**
     * Whether the failing run can still record its step's failure depends on whether the pool
     * hands it a connection that is already dead: the state it leaves when it cannot is made
     * here deterministically, from a run killed mid-pay whose job execution is then marked
     * failed as the losing run marks it (the job FAILED and ended, its step still STARTED).
     */
    @Test
    void aRunThatRecordedItsFailureOnTheJobButNotOnItsStepIsContinuedByTheSameCommand() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("dropped");
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id > " + LATER_WORKERS)) {
            Process child = startPayout(directory);
            paying.awaitBlocked(child);
            ChildBackends.killHard(jdbc, child);
        }
        jdbc.update("update batch_job_execution set status = 'FAILED', exit_code = 'FAILED', end_time = now()");
        assertThat(count("select count(*) from batch_step_execution where status = 'STARTED'")).isOne();
        // when
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }
}

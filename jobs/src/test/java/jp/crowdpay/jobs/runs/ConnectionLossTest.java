package jp.crowdpay.jobs.runs;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** The database drops the connections of a running payout: the run fails clearly, and the same command completes it. */
@Tag(Tiers.PROCESS)
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
                .contains("database connection lost")
                .contains("run the same command again");
        ChildProcess.Result rerun = runPayout(directory);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    @Test
    void aRunThatLosesItsRunLockStopsBeforeItsNextChunkAndTheSameCommandCompletesIt() throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("lease-lost");
        Process child;
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id > " + LATER_WORKERS)) {
            child = startPayout(directory);
            paying.awaitBlocked(child);
            // when: only the connection that holds the run lock drops, so another launch could now start
            int terminated = jdbc.queryForObject("""
                    select count(pg_terminate_backend(pid)) from pg_stat_activity
                    where application_name like 'payout-jobs nightlyPayoutJob on %' and datname = current_database()""",
                    Integer.class);
            assertThat(terminated).isEqualTo(1);
        }
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ends by itself").isTrue();
        String err = Files.readString(directory.resolve("stderr.txt"));
        // then: it stops instead of paying on without its lock
        assertThat(child.exitValue()).as(err).isEqualTo(ExitCodes.FAILED);
        assertThat(err).contains("lost its run lock").contains("run the same command again");
        ChildProcess.Result rerun = runPayout(directory);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    /**
     * What the failing run can still record depends on whether the pool hands it a connection
     * that is already dead. The two states it leaves when it cannot are made here
     * deterministically, from a run killed mid-pay: the job FAILED with its step still STARTED
     * (the step's last update failed), or job and step UNKNOWN (the chunk's rollback failed).
     */
    @ParameterizedTest(name = "job {0}, step {1}")
    @CsvSource({"FAILED, STARTED", "UNKNOWN, UNKNOWN"})
    void aRunThatCouldNotRecordHowItEndedIsContinuedByTheSameCommand(String jobStatus, String stepStatus) throws Exception {
        // given
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("dropped");
        killWhilePaying(directory);
        jdbc.update("update batch_job_execution set status = ?, exit_code = ?, end_time = now()", jobStatus, jobStatus);
        jdbc.update("update batch_step_execution set status = ?, exit_code = ? where status = 'STARTED'", stepStatus, stepStatus);
        // when
        ChildProcess.Result rerun = runPayout(directory);
        // then
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }
}

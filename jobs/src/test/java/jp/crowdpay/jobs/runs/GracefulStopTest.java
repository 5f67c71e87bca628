package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * SIGTERM: the run finishes its current chunk, or the ranges of rewards its settling threads
 * have in hand, ends STOPPED, and the same command continues it.
 */
@Tag(Tiers.PROCESS)
class GracefulStopTest extends ChildPayoutScenario {

    @Test
    void aTerminatedRunFinishesItsChunkEndsStoppedAndTheSameCommandCompletesIt() throws Exception {
        // given: a run stopped in the middle of a chunk
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("terminated");
        Process child;
        AtomicLong committedBefore = new AtomicLong();
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id > " + LATER_WORKERS)) {
            // when
            child = terminateAtBlocker(directory, paying, () -> committedBefore.set(count("select count(*) from payout")));
        }
        // then: the chunk in flight committed, the rest of the run did not happen
        String log = Files.readString(directory.resolve("stdout.txt")) + Files.readString(directory.resolve("stderr.txt"));
        assertThat(child.exitValue()).as("a stopped run's exit code, not the shell's 128 + 15").isEqualTo(ExitCodes.FAILED);
        assertThat(jobStatus()).as(log).isEqualTo("STOPPED");
        assertThat(Files.readString(directory.resolve("stderr.txt")))
                .isEqualTo("error: the payout for " + DATE + " ended STOPPED: stopped by SIGTERM;"
                        + " run the same command again to continue it\n");
        assertThat(Files.readString(directory.resolve("stdout.txt"))).contains("payout finished: exit=1 (failed)");
        assertThat(stepStatus("payWorkersStep")).as(log).isEqualTo("STOPPED");
        long committedWhenStopped = count("select count(*) from payout");
        assertThat(committedWhenStopped).isGreaterThan(committedBefore.get());
        assertThat(count("select count(*) from payout_run where completed_at is null")).isOne();
        assertThat(outbox(directory)).isEmpty();
        ChildProcess.Result rerun = runPayout(directory);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
        assertThat(count("select count(*) from payout")).as("the stop left workers to pay").isGreaterThan(committedWhenStopped);
    }

    @Test
    void aRunTerminatedWhileMarkingThePaidRewardsFinishesItsRangesInHandEndsStoppedAndTheSameCommandCompletesIt()
            throws Exception {
        // given: a run stopped while it marks the range that holds reward 201, every payout recorded
        Outcome expected = uninterruptedRun();
        seedLedger();
        Path directory = work.resolve("terminated-marking");
        Process child;
        try (Blocker marking = Blocker.before("update", "reward", "new.status = 'PAID' and old.id > 200")) {
            // when
            child = terminateAtBlocker(directory, marking, () -> { });
        }
        // then: the ranges in hand committed, the ranges no thread had taken yet and the bank file did not happen
        String log = Files.readString(directory.resolve("stdout.txt")) + Files.readString(directory.resolve("stderr.txt"));
        assertThat(child.exitValue()).isEqualTo(ExitCodes.FAILED);
        assertThat(jobStatus()).as(log).isEqualTo("STOPPED");
        assertThat(stepStatus("settleRewardsStep")).as(log).isEqualTo("STOPPED");
        SettlingRange inHand = markingRangeHolding(201);
        assertThat(inHand.commits()).as(log).isOne();
        assertThat(count("select count(*) from reward where status = 'PAID' and " + inHand.ids())).isPositive();
        List<SettlingRange> notTaken = settlingRanges().stream().filter(range -> range.commits() == 0).toList();
        assertThat(notTaken).extracting(SettlingRange::status).containsOnly("STOPPED");
        assertThat(notTaken).extracting(SettlingRange::name).allMatch(name -> name.contains(":marking"));
        assertThat(notTaken).as(log).isNotEmpty().allSatisfy(range -> assertThat(range.first()).isGreaterThan(inHand.last()));
        for (SettlingRange range : notTaken) {
            assertThat(count("select count(*) from reward where status = 'PAID' and " + range.ids())).as(range.name()).isZero();
        }
        assertThat(outbox(directory)).isEmpty();
        ChildProcess.Result rerun = runPayout(directory);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(outcome(directory)).isEqualTo(expected);
    }

    /**
     * Starts the payout, and once it waits at {@code blocker} (and {@code atBlocker} has run)
     * sends it SIGTERM, lets it go on and waits for it to end by itself.
     */
    private Process terminateAtBlocker(Path directory, Blocker blocker, Runnable atBlocker) throws Exception {
        Process child = startPayout(directory);
        blocker.awaitBlocked(child);
        atBlocker.run();
        String runningStep = "select step_name || ' ' || status || ' v' || version from batch_step_execution"
                + " where status = 'STARTED' order by step_execution_id";
        var runningSteps = jdbc.queryForList(runningStep, String.class);
        child.destroy(); // SIGTERM
        Await.until("the run is asked to stop", Duration.ofSeconds(30), child, () -> !"STARTED".equals(jobStatus()));
        assertThat(jobStatus()).isEqualTo("STOPPING");
        // a step beside the blocked one (the expiry beside the marking) may end meanwhile, on its own thread
        assertThat(jdbc.queryForList(runningStep, String.class))
                .as("the stop leaves each running step's row to the step's own thread, the one writer that cannot race with it")
                .isNotEmpty().isSubsetOf(runningSteps);
        blocker.release();
        assertThat(child.waitFor(60, TimeUnit.SECONDS)).as("the child ends by itself").isTrue();
        return child;
    }

    private String jobStatus() {
        return jdbc.queryForObject("select status from batch_job_execution order by job_execution_id desc limit 1", String.class);
    }

    private String stepStatus(String step) {
        return jdbc.queryForObject("select status from batch_step_execution where step_name = ?"
                + " order by step_execution_id desc limit 1", String.class, step);
    }
}

package jp.crowdpay.jobs.runs;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * How every job of the suite is launched: holding the job's run lease (a second launch exits
 * 3), after recovering executions that a killed process left marked as running, and with a
 * graceful stop on SIGTERM.
 */
@Component
public class ExclusiveJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(ExclusiveJobLauncher.class);
    private static final ExitStatus RECOVERED = ExitStatus.FAILED.addExitDescription(
            "recovered by the next launch: the run lost its database connection before it could record its end");

    private final ThreadLocal<GracefulStop> currentStop = new ThreadLocal<>();
    private final SingleRunGuard guard;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public ExclusiveJobLauncher(SingleRunGuard guard, JobOperator jobOperator, JobRepository jobRepository) {
        this.guard = guard;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Runs the launch while holding the job's lease; returns its outcome, or BUSY if another run holds it. */
    public RunOutcome exclusively(String jobName, Consumer<String> errorLine, Supplier<RunOutcome> launch) {
        return exclusively(jobName, null, errorLine, launch);
    }

    /**
     * As {@link #exclusively(String, Consumer, Supplier)}, sharing {@code sharedResource} (see
     * {@link SharedResources}) for the whole launch: nothing replaces it while the run uses it.
     * A replacement under way is waited for (it is one short transaction) before the launch.
     */
    public RunOutcome exclusively(String jobName, String sharedResource, Consumer<String> errorLine,
                                  Supplier<RunOutcome> launch) {
        RunLease lease;
        try {
            lease = guard.acquire(jobName);
        } catch (AnotherRunInProgressException busy) {
            errorLine.accept("error: " + busy.getMessage());
            return RunOutcome.BUSY;
        }
        // the graceful stop covers the whole launch: on SIGTERM the JVM waits until the launch has
        // reported how the run ended (the line on standard error), not only until the job returns
        try (lease; GracefulStop stop = GracefulStop.register(jobName, jobRepository)) {
            currentStop.set(stop);
            if (sharedResource != null) {
                lease.share(sharedResource, waiting -> log.info("{}: waiting to start: {}", jobName, waiting));
            }
            return launch.get();
        } finally {
            currentStop.remove();
        }
    }

    /**
     * Starts, or restarts, the job; call only inside {@link #exclusively}. Executions left by a
     * dead process are recovered here, not when the lease is taken, so that a launch refused
     * before it starts has changed nothing, not even the job repository.
     */
    public JobExecution start(Job job, JobParameters parameters) throws Exception {
        recoverOrphans(job.getName());
        recoverInterrupted(job.getName(), parameters);
        return jobOperator.start(job, parameters);
    }

    /**
     * Why an execution of the launch under way on this thread did not complete, in one line: the
     * signal that stopped it (stopped by SIGTERM), else {@link RunFailures#describe(JobExecution)}.
     */
    public String whyNotCompleted(JobExecution execution) {
        GracefulStop stop = currentStop.get();
        Optional<String> signal = stop == null || execution.getStatus() != BatchStatus.STOPPED ? Optional.empty() : stop.signal();
        return signal.map(name -> "stopped by " + name).orElseGet(() -> RunFailures.describe(execution));
    }

    /**
     * A run that lost its database connection may be unable to record how it ended: its step
     * stays STARTED (the step's last update needed a connection that was gone), or its job and
     * step end UNKNOWN (the rollback of the chunk failed). Spring Batch refuses to restart either
     * ("already running", "manual intervention is probably necessary"). For these jobs a restart
     * is safe: holding the lease proves that no process runs the job, and the job repository lives
     * in the same database as the data, each chunk's writes committing in one transaction with its
     * step's restart state, so whatever became of the lost transaction, the recorded restart state
     * matches the data. Such an execution is marked FAILED, which makes it restartable.
     */
    private void recoverInterrupted(String jobName, JobParameters parameters) {
        JobInstance instance = jobRepository.getJobInstance(jobName, parameters);
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (last == null || last.isRunning()) {
            return;
        }
        List<StepExecution> unfinished = last.getStepExecutions().stream()
                .filter(step -> step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN)
                .toList();
        if (unfinished.isEmpty() && last.getStatus() != BatchStatus.UNKNOWN) {
            return;
        }
        log.warn("{}: execution {} ended {} without recording the end of its steps {}; marking it failed so that it can continue",
                jobName, last.getId(), last.getStatus(), unfinished.stream().map(StepExecution::getStepName).toList());
        LocalDateTime now = LocalDateTime.now(RepositoryTime.ZONE);
        for (StepExecution step : unfinished) {
            step.setStatus(BatchStatus.FAILED);
            step.setExitStatus(RECOVERED);
            if (step.getEndTime() == null) {
                step.setEndTime(now);
            }
            jobRepository.update(step);
        }
        if (last.getStatus() == BatchStatus.UNKNOWN) {
            last.setStatus(BatchStatus.FAILED);
            last.setExitStatus(RECOVERED);
            jobRepository.update(last);
        }
    }

    /**
     * Holding the lease proves that no live process runs the job, so an execution still marked
     * as running was left by a process that died: mark it failed, which makes it restartable.
     */
    private void recoverOrphans(String jobName) {
        for (JobExecution orphan : jobRepository.findRunningJobExecutions(jobName)) {
            log.warn("{}: execution {} was left {} by a process that is gone; recovering it so that it can continue",
                    jobName, orphan.getId(), orphan.getStatus());
            jobOperator.recover(orphan);
        }
    }
}

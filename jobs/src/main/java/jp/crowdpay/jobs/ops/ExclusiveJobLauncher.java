package jp.crowdpay.jobs.ops;

import java.util.function.Consumer;
import java.util.function.IntSupplier;
import jp.crowdpay.jobs.cli.ExitCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * How every job of the suite is launched: holding the job's run lease (a second launch exits
 * 3), after recovering executions that a killed process left marked as running, and with a
 * graceful stop on SIGTERM.
 */
@Component
public class ExclusiveJobLauncher {

    private static final Logger log = LoggerFactory.getLogger(ExclusiveJobLauncher.class);

    private final SingleRunGuard guard;
    private final JobOperator jobOperator;
    private final JobRepository jobRepository;

    public ExclusiveJobLauncher(SingleRunGuard guard, JobOperator jobOperator, JobRepository jobRepository) {
        this.guard = guard;
        this.jobOperator = jobOperator;
        this.jobRepository = jobRepository;
    }

    /** Runs the launch while holding the job's lease; returns its exit code, or 3 if another run holds it. */
    public int exclusively(String jobName, Consumer<String> errorLine, IntSupplier launch) {
        RunLease lease;
        try {
            lease = guard.acquire(jobName);
        } catch (AnotherRunInProgressException busy) {
            errorLine.accept("error: " + busy.getMessage());
            return ExitCodes.ALREADY_RUNNING;
        }
        // the graceful stop covers the whole launch: on SIGTERM the JVM waits until the launch has
        // reported how the run ended (the line on standard error), not only until the job returns
        try (lease; GracefulStop stop = GracefulStop.register(jobName, jobOperator, jobRepository)) {
            recoverOrphans(jobName);
            return launch.getAsInt();
        }
    }

    /** Starts, or restarts, the job; call only inside {@link #exclusively}. */
    public JobExecution start(Job job, JobParameters parameters) throws Exception {
        recoverUnfinishedSteps(job.getName(), parameters);
        return jobOperator.start(job, parameters);
    }

    /**
     * A run that lost its database connection may record that the job failed but not that its
     * step did (the step's last update needs the connection that is gone): the job execution is
     * FAILED, its step still STARTED, and Spring Batch refuses every restart as "already
     * running". Holding the lease proves that no process runs that step: mark it failed too.
     */
    private void recoverUnfinishedSteps(String jobName, JobParameters parameters) {
        JobInstance instance = jobRepository.getJobInstance(jobName, parameters);
        JobExecution last = instance == null ? null : jobRepository.getLastJobExecution(instance);
        if (last != null && !last.isRunning()
                && last.getStepExecutions().stream().anyMatch(step -> step.getStatus().isRunning())) {
            log.warn("{}: execution {} ended {} but left a step marked as running; recovering it so that it can continue",
                    jobName, last.getId(), last.getStatus());
            jobOperator.recover(last);
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

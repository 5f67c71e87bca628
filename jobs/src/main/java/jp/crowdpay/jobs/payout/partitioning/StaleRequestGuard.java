package jp.crowdpay.jobs.payout.partitioning;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Keeps a worker off partition requests whose job execution has ended. Such a request outlived
 * its manager in the queue: the manager gave up waiting for workers, or was killed, and the
 * same command may already run the night again with requests of its own. Running the old one
 * too would pay the same range from two processes at once (the database would refuse the
 * second payment, but the partition would fail for nothing).
 *
 * <p>It looks twice. First at the message, before the request's step execution is touched
 * ({@link #isCurrent}): starting the step, even to fail it at once, would mark it STARTED for a
 * moment, and Spring Batch refuses to launch the night again while a step of its last execution
 * reads as running. Then before the step ({@link #beforeStep}), for a run that ended between the
 * two.
 */
public class StaleRequestGuard implements StepExecutionListener {

    private static final Logger log = LoggerFactory.getLogger(StaleRequestGuard.class);

    private final JobRepository jobRepository;

    public StaleRequestGuard(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    /** Whether the request belongs to a job execution still running; a stale one is dropped. */
    boolean isCurrent(StepExecutionRequest request) {
        StepExecution partition = jobRepository.getStepExecution(request.getStepExecutionId());
        if (partition != null && isRunning(partition.getJobExecutionId())) {
            return true;
        }
        log.warn("partition request for step execution {} belongs to a job execution that is no longer running: dropped",
                request.getStepExecutionId());
        return false;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        if (!isRunning(stepExecution.getJobExecutionId())) {
            throw new IllegalStateException("partition " + stepExecution.getStepName() + " belongs to job execution "
                    + stepExecution.getJobExecutionId() + ", which is no longer running: request ignored");
        }
    }

    private boolean isRunning(long jobExecutionId) {
        JobExecution job = jobRepository.getJobExecution(jobExecutionId);
        return job != null && job.isRunning();
    }
}

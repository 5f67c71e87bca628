package jp.crowdpay.jobs.payout;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/**
 * Refuses a partition request whose job execution has ended. Such a request outlived its
 * manager in the queue: the manager was killed, the run was recovered and restarted with
 * requests of its own, and running the old one too would pay the same range from two
 * processes at once (the database would refuse the second payment, but the partition would
 * fail for nothing).
 */
class StaleRequestGuard implements StepExecutionListener {

    private final JobRepository jobRepository;

    StaleRequestGuard(JobRepository jobRepository) {
        this.jobRepository = jobRepository;
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        JobExecution job = jobRepository.getJobExecution(stepExecution.getJobExecutionId());
        if (job == null || !job.isRunning()) {
            throw new IllegalStateException("partition " + stepExecution.getStepName() + " belongs to job execution "
                    + stepExecution.getJobExecutionId() + ", which is no longer running: request ignored");
        }
    }
}

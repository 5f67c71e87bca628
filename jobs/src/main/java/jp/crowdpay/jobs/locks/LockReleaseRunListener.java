package jp.crowdpay.jobs.locks;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.stereotype.Component;

/** Keeps the run's row in lock_release_run: opened before the first step, counted at the end. */
@Component
class LockReleaseRunListener implements JobExecutionListener {

    private final LockReleaseStore store;

    LockReleaseRunListener(LockReleaseStore store) {
        this.store = store;
    }

    @Override
    public void beforeJob(JobExecution jobExecution) {
        LockReleaseJobParameters parameters = LockReleaseJobParameters.of(jobExecution.getJobParameters());
        store.openRun(jobExecution.getJobInstanceId(), parameters.asOf(), parameters.dryRun());
    }

    @Override
    public void afterJob(JobExecution jobExecution) {
        String stopReason = jobExecution.getExecutionContext().containsKey(ReleaseCapDecider.STOP_REASON)
                ? jobExecution.getExecutionContext().getString(ReleaseCapDecider.STOP_REASON) : null;
        store.closeRun(jobExecution.getJobInstanceId(), jobExecution.getStatus().name(), stopReason);
    }
}

package jp.crowdpay.jobs.locks;

import jp.crowdpay.jobs.locks.LockDurationPolicy.Decision;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.stereotype.Component;

/**
 * Between assessing and releasing: a dry run ends here, and a run that would release more than
 * locks.max-releases-per-run stops before releasing anything (a mass release is more likely a
 * wrong clock or a bad setting than a real wave of stale locks).
 */
@Component
class ReleaseCapDecider implements JobExecutionDecider {

    static final FlowExecutionStatus DRY_RUN = new FlowExecutionStatus("DRY_RUN");
    static final FlowExecutionStatus CAP_EXCEEDED = new FlowExecutionStatus("CAP_EXCEEDED");
    static final FlowExecutionStatus RELEASE = new FlowExecutionStatus("RELEASE");
    /** Key in the job's execution context: why the run stopped, for the run's row and the operator. */
    static final String STOP_REASON = "stopReason";

    private final LockReleaseStore store;
    private final LockReleaseProperties properties;

    ReleaseCapDecider(LockReleaseStore store, LockReleaseProperties properties) {
        this.store = store;
        this.properties = properties;
    }

    @Override
    public FlowExecutionStatus decide(JobExecution jobExecution, StepExecution stepExecution) {
        if (LockReleaseJobParameters.of(jobExecution.getJobParameters()).dryRun()) {
            return DRY_RUN;
        }
        int stale = store.countPlanned(jobExecution.getJobInstanceId(), Decision.RELEASE);
        if (stale > properties.maxReleasesPerRun()) {
            jobExecution.getExecutionContext().putString(STOP_REASON, stale + " stale locks exceed locks.max-releases-per-run="
                    + properties.maxReleasesPerRun() + "; nothing was released");
            return CAP_EXCEEDED;
        }
        // a restart after raising the cap must not keep the earlier reason
        jobExecution.getExecutionContext().remove(STOP_REASON);
        return RELEASE;
    }
}

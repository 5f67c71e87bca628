package jp.crowdpay.jobs.locks;

import jp.crowdpay.jobs.runs.RunMetrics;
import org.springframework.stereotype.Component;

/** The lock release's metrics ({@code lock_release_*}), fed from the summary of a run that was not a dry run. */
@Component
public class LockReleaseMetrics {

    public static final String PREFIX = "lock.release";

    private final RunMetrics metrics;

    LockReleaseMetrics(RunMetrics metrics) {
        this.metrics = metrics;
    }

    void ran(LockReleaseSummary summary) {
        metrics.figure(PREFIX + ".released", "Locks the latest run released", summary.released());
        metrics.figure(PREFIX + ".kept", "Locks the latest run looked at and left locked", summary.kept());
        metrics.figure(PREFIX + ".needs.support", "Accounts locked too often, left for support by the latest run",
                summary.needsSupport());
        metrics.figure(PREFIX + ".cannot.judge", "Locks the latest run could not judge and left locked",
                summary.cannotJudge());
    }
}

package jp.crowdpay.jobs.locks;

import java.time.Instant;
import jp.crowdpay.jobs.locks.LockDurationPolicy.Decision;

/** What a run decided for one lock; {@code lockedAt} and {@code lockReason} are the lock as read. */
record PlannedLock(long accountId, Instant lockedAt, String lockReason, int earlierAutomaticLocks,
                   Decision decision, Instant staleAt) {

    /** Why the run could not judge the lock, or null when it could. */
    String problem() {
        if (decision != Decision.CANNOT_JUDGE) {
            return null;
        }
        return "locked_at is " + (lockedAt.equals(Instant.MAX) ? "infinity" : "-infinity") + ", not a point in time";
    }
}

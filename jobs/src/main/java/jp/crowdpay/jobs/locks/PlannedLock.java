package jp.crowdpay.jobs.locks;

import java.time.Instant;
import jp.crowdpay.jobs.locks.LockDurationPolicy.Decision;

/** What a run decided for one lock; {@code lockedAt} and {@code lockReason} are the lock as read. */
record PlannedLock(long accountId, Instant lockedAt, String lockReason, int earlierAutomaticLocks,
                   Decision decision, Instant staleAt) {
}

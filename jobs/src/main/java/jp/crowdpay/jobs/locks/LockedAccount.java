package jp.crowdpay.jobs.locks;

import java.time.Instant;
import java.util.List;

/** A locked account as the job read it, with the automatic locks before it that may count. */
record LockedAccount(long id, Instant lockedAt, String lockReason, List<Instant> earlierAutomaticLocks) {
}

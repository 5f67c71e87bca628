package jp.crowdpay.jobs.locks;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * The release rules for one lock, as of one instant. Everything is an instant or
 * a fixed duration, so that no time zone, calendar or daylight saving time can move a boundary.
 */
public final class LockDurationPolicy {

    /** The lock reason the login service sets itself; every other reason is a staff lock. */
    public static final String AUTOMATIC = "FAILED_ATTEMPTS";

    /** "The last 30 days": 30 × 24 hours before the lock, not 30 calendar days anywhere. */
    public static final Duration WINDOW = Duration.ofDays(30);

    private final Duration base;
    private final Duration max;
    private final int supportThreshold;

    public LockDurationPolicy(Duration base, Duration max, int supportThreshold) {
        this.base = base;
        this.max = max;
        this.supportThreshold = supportThreshold;
    }

    /**
     * @param lockedAt       when the lock was set; {@link Instant#MAX} or {@link Instant#MIN} for
     *                       a lock stored at infinity or -infinity, which is no point in time
     * @param automaticLocks automatic locks of the same account (the history may hold more than
     *                       the window; only those less than {@link #WINDOW} before this lock count)
     */
    public Assessment assess(String lockReason, Instant lockedAt, Collection<Instant> automaticLocks, Instant asOf) {
        if (!AUTOMATIC.equals(lockReason)) {
            return new Assessment(Decision.STAFF_LOCK, 0, null);
        }
        if (!isPointInTime(lockedAt)) {
            // no duration after infinity ends, none after -infinity can be told apart from another
            return new Assessment(Decision.CANNOT_JUDGE, 0, null);
        }
        int earlier = earlierLocksInWindow(lockedAt, automaticLocks);
        // this lock is one of the locks in its own 30 days
        if (earlier + 1 > supportThreshold) {
            return new Assessment(Decision.NEEDS_SUPPORT, earlier, null);
        }
        Instant staleAt = lockedAt.plus(duration(earlier));
        Decision decision = staleAt.isAfter(asOf) ? Decision.NOT_YET_STALE : Decision.RELEASE;
        return new Assessment(decision, earlier, staleAt);
    }

    /** base × 2^earlier, capped; doubled step by step so that many earlier locks cannot overflow. */
    public Duration duration(int earlierLocks) {
        Duration duration = base;
        for (int i = 0; i < earlierLocks && duration.compareTo(max) < 0; i++) {
            duration = duration.multipliedBy(2);
        }
        return duration.compareTo(max) > 0 ? max : duration;
    }

    static int earlierLocksInWindow(Instant lockedAt, Collection<Instant> automaticLocks) {
        Instant windowStart = lockedAt.minus(WINDOW);
        return (int) automaticLocks.stream()
                .filter(earlier -> earlier.isBefore(lockedAt) && earlier.isAfter(windowStart))
                .count();
    }

    /** False for the stand-ins of infinity and -infinity. */
    public static boolean isPointInTime(Instant instant) {
        return !instant.equals(Instant.MAX) && !instant.equals(Instant.MIN);
    }

    /** CANNOT_JUDGE: an automatic lock that is no point in time; reported and left locked. */
    public enum Decision { RELEASE, NOT_YET_STALE, NEEDS_SUPPORT, STAFF_LOCK, CANNOT_JUDGE }

    /** @param staleAt when the lock is (or was) stale; null when the job never releases it */
    public record Assessment(Decision decision, int earlierAutomaticLocks, Instant staleAt) {
    }
}

package jp.crowdpay.jobs.payout.rules;

import java.time.Duration;

/**
 * How the night treats a worker whose rows (worker, bank_account) another transaction holds: each
 * try waits up to {@code lockTimeout} for them, holding no lock of its own meanwhile; the first
 * try is the paying chunk's, then {@code retries} more later in the night, each at least
 * {@code pause} after the one before. Still held at the last try, the worker is carried forward
 * as {@link PayoutOutcome#ROWS_LOCKED}: the night never waits longer on the platform.
 */
public record LockedRowsRule(Duration lockTimeout, int retries, Duration pause) {

    /** The paying chunk's try is the first. */
    public static final int FIRST_TRY = 1;

    public int tries() {
        return FIRST_TRY + retries;
    }

    /** Whether a worker whose rows are still held at try {@code tryNumber} is carried forward now rather than set aside again. */
    public boolean carriesForwardAt(int tryNumber) {
        return tryNumber >= tries();
    }

    /** The lock timeout as PostgreSQL's {@code lock_timeout} takes it, in whole milliseconds (at least one). */
    public static String lockTimeoutSetting(Duration wait) {
        return Math.max(1, wait.toMillis()) + "ms";
    }
}

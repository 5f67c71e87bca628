package jp.crowdpay.jobs.notices;

import java.math.BigInteger;
import java.time.LocalDate;

/**
 * A locked-out worker whom only a person can let in again before rewards expire: yen at risk
 * within the smallest threshold, and a lock the lock release never lifts (a staff lock, or an
 * automatic one that needs support).
 */
public record SupportCase(long workerId, LocalDate earliestDeadline, int daysLeft, BigInteger yenAtRisk,
                          String lockReason, String supportLock) {
}

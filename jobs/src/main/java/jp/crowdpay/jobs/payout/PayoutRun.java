package jp.crowdpay.jobs.payout;

import java.math.BigInteger;
import java.time.LocalDate;

/**
 * The row of payout_run: a run's scope (business date, the snapshot it opened with, the expiry
 * cut-off, the workers in scope) and its totals. Runs opened before snapshots were recorded have
 * no snapshot, cut-off or worker count.
 */
public record PayoutRun(
        long id,
        LocalDate businessDate,
        long rewardWatermark,
        String scopeSnapshot,
        LocalDate expiresConfirmedBefore,
        Long workersInScope,
        long unpaidBeforeCount,
        BigInteger unpaidBeforeYen,
        Long expiredCount,
        BigInteger expiredYen,
        String bankFile,
        String bankFileSha256,
        boolean completed) {

    public boolean expiryDone() {
        return expiredCount != null;
    }
}

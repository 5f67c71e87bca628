package jp.crowdpay.jobs.payout.run;

import java.math.BigInteger;
import java.time.LocalDate;
import jp.crowdpay.jobs.payout.rules.MarkPaid;

/**
 * The row of payout_run: a run's scope (business date, the snapshot it opened with, the expiry
 * cut-off, the workers in scope, the lowest id among its unpaid rewards, the highest among those
 * that expire and the lowest among those it pays from) and its totals. Runs opened before these
 * were recorded have no snapshot, cut-off, worker count, lowest id or marked totals, nor the
 * place they mark their paid rewards (they mark by ranges), nor the spans of ids to expire and to
 * mark ({@code settlingSpansRecorded} false: they settle from the lowest unpaid id to the watermark).
 */
public record PayoutRun(
        long id,
        LocalDate businessDate,
        long rewardWatermark,
        String scopeSnapshot,
        Long firstUnpaidRewardId,
        Long lastExpiringRewardId,
        Long firstPayableRewardId,
        boolean settlingSpansRecorded,
        LocalDate expiresConfirmedBefore,
        Long workersInScope,
        long unpaidBeforeCount,
        BigInteger unpaidBeforeYen,
        Long expiredCount,
        BigInteger expiredYen,
        Long markedRewards,
        BigInteger markedYen,
        MarkPaid marksPaid,
        String bankFile,
        String bankFileSha256,
        boolean completed) {

    /** This run with the expiry cut-off {@code cutoff}: for a run opened before its cut-off was recorded. */
    public PayoutRun withExpiresConfirmedBefore(LocalDate cutoff) {
        return new PayoutRun(id, businessDate, rewardWatermark, scopeSnapshot, firstUnpaidRewardId, lastExpiringRewardId, firstPayableRewardId, settlingSpansRecorded, cutoff, workersInScope,
                unpaidBeforeCount, unpaidBeforeYen, expiredCount, expiredYen, markedRewards, markedYen, marksPaid, bankFile,
                bankFileSha256, completed);
    }

    /** Whether the paying chunks mark their own rewards paid; otherwise the marking step does, by ranges. */
    public boolean marksPaidInChunks() {
        return marksPaid == MarkPaid.IN_CHUNKS;
    }
}

package jp.crowdpay.jobs.payout;

import java.time.LocalDate;

/** The row of payout_run: a run's scope (business date, reward watermark) and its totals. */
public record PayoutRun(
        long id,
        LocalDate businessDate,
        long rewardWatermark,
        long unpaidBeforeCount,
        long unpaidBeforeYen,
        Long expiredCount,
        Long expiredYen,
        String bankFile,
        String bankFileSha256,
        boolean completed) {

    public boolean expiryDone() {
        return expiredCount != null;
    }
}

package jp.crowdpay.jobs.payout.rules;

import java.time.LocalDate;

/**
 * The withdrawal deadline (出金期限): a reward may be paid up to and including its confirmation
 * date + N days; the run for a later date expires it.
 */
public record RewardDeadline(int days) {

    public LocalDate deadlineOf(LocalDate confirmedOn) {
        return confirmedOn.plusDays(days);
    }

    /** Rewards confirmed before this date are past their deadline on the business date. */
    public LocalDate expiredIfConfirmedBefore(LocalDate businessDate) {
        return businessDate.minusDays(days);
    }
}

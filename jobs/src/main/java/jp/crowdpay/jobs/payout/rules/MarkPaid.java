package jp.crowdpay.jobs.payout.rules;

/**
 * Where a night marks the rewards it paid ({@code payout.mark-paid}). A run records the place it
 * chose when it opened ({@link MarkPaidRule}), so that a restart marks the same way.
 */
public enum MarkPaid {
    /** Chosen per night from where the first chunk's rewards lie ({@link MarkPaidRule}); never recorded on a run. */
    AUTO,
    /** Each paying chunk marks its workers' rewards in its own transaction. */
    IN_CHUNKS,
    /** The step after the paying step marks them by ranges of reward ids ({@code marking.PaidRewardsMarking}). */
    BY_RANGES
}

package jp.crowdpay.jobs.payout.rules;

/** The worker's choice of when to be paid (出金方式). */
public enum WithdrawalMethod {
    /** 随時出金方式: paid once the balance reaches the on-demand threshold (1,000 yen). */
    ON_DEMAND,
    /** 50,000円以上出金方式: paid once the balance reaches the 50,000-yen threshold. */
    MIN_50000,
    /** キャリーオーバー方式: never paid by the nightly run; the balance is always carried forward. */
    CARRY_OVER
}

package jp.crowdpay.jobs.payout;

/** What a run did with one worker's balance: paid it, or carried it forward for a reason. */
public enum PayoutOutcome {
    PAID,
    BELOW_THRESHOLD,
    CARRY_OVER_METHOD,
    PAYOUT_HOLD,
    NO_BANK_ACCOUNT,
    INVALID_BANK_ACCOUNT,
    INVALID_PAYEE_NAME,
    UNKNOWN_BANK_BRANCH,
    /** A transfer to the worker's account came back; paid again only once the account changes. */
    ACCOUNT_RETURNED;

    /** Workers due a payout that the run could not make: operators follow these up. */
    public boolean needsFollowUp() {
        return this != PAID && this != BELOW_THRESHOLD && this != CARRY_OVER_METHOD;
    }
}

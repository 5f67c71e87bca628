package jp.crowdpay.jobs.payout.rules;

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
    ACCOUNT_RETURNED,
    /** The configured bank file cannot hold the worker's line (a field's width, the file's total). */
    BANK_FILE_LIMIT,
    /** The balance is more yen than a payout records (beyond bigint). */
    BALANCE_TOO_LARGE,
    /** The transfer fee would leave nothing to transfer. */
    NOTHING_AFTER_FEE,
    /**
     * Another transaction (the platform's) held the worker's row or bank account at every try of
     * the night: nothing was decided, the balance waits for the next night.
     */
    ROWS_LOCKED;

    /** Workers due a payout that the run could not make: operators follow these up. */
    public boolean needsFollowUp() {
        return this != PAID && this != BELOW_THRESHOLD && this != CARRY_OVER_METHOD;
    }
}

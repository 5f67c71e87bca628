package jp.crowdpay.jobs.runs;

/** How a launch ended; the command line turns it into the process exit code. */
public enum RunOutcome {
    /** Done; also: already done, nothing to do. */
    DONE,
    /** The run failed or was stopped; the same command again continues it. */
    FAILED,
    /** Refused before anything was touched: a bad request or setting. */
    REFUSED,
    /** Another run of the same job holds the run lock. */
    BUSY,
    /**
     * The run itself completed, but what the command chains after it did not (the expiry notices
     * after a payout); the same command again completes the rest.
     */
    FOLLOW_UP_FAILED
}

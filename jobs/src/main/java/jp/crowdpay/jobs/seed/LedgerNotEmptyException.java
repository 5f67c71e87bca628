package jp.crowdpay.jobs.seed;

/** Seeding refuses a ledger that already has workers or rewards: demo data must never mix with real data. */
public class LedgerNotEmptyException extends RuntimeException {
    public LedgerNotEmptyException(String message) {
        super(message);
    }
}

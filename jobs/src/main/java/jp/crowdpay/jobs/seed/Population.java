package jp.crowdpay.jobs.seed;

/**
 * The shares of workers in each category of a generated ledger, each between 0 and 1. Workers
 * not on-demand and not 50,000-yen are carry-over. Hold, missing and invalid bank accounts are
 * drawn independently of the method, as they are on the platform.
 *
 * @param onDemand           share of ON_DEMAND workers
 * @param min50000           share of MIN_50000 workers
 * @param onHold             share of workers on payout hold
 * @param withoutBankAccount share of workers who never registered a bank account
 * @param invalidBankAccount share of workers whose bank account fails the bank's field rules
 * @param fullWidthPayeeName share of the valid accounts whose payee name was typed in full-width
 *                           katakana (valid: the job converts it to half-width)
 */
public record Population(double onDemand, double min50000, double onHold, double withoutBankAccount,
                         double invalidBankAccount, double fullWidthPayeeName) {

    /** The demo ledger: every case the nightly payout has to handle. */
    public static final Population REALISTIC = new Population(0.80, 0.10, 0.02, 0.03, 0.02, 0.03);

    /** The benchmark's ledger (docs/benchmark.md): every worker payable, so that the timing is all payout. */
    public static final Population BENCHMARK = new Population(0.80, 0.10, 0, 0, 0, 0);

    public Population {
        requireShare("onDemand", onDemand);
        requireShare("min50000", min50000);
        requireShare("onHold", onHold);
        requireShare("withoutBankAccount", withoutBankAccount);
        requireShare("invalidBankAccount", invalidBankAccount);
        requireShare("fullWidthPayeeName", fullWidthPayeeName);
        if (onDemand + min50000 > 1) {
            throw new IllegalArgumentException("onDemand + min50000 must be at most 1");
        }
        if (withoutBankAccount + invalidBankAccount > 1) {
            throw new IllegalArgumentException("withoutBankAccount + invalidBankAccount must be at most 1");
        }
    }

    private static void requireShare(String name, double share) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, not " + share);
        }
    }
}

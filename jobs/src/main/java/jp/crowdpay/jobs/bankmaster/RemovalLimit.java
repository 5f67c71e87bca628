package jp.crowdpay.jobs.bankmaster;

import java.util.Optional;

/**
 * How much of the loaded master one import may remove before the operator has to say so: a
 * file cut short, or holding {@code {}}, would otherwise carry every worker of the missing banks
 * forward as UNKNOWN_BANK_BRANCH the next night. Exact integer arithmetic; at the limit is allowed.
 */
record RemovalLimit(int maxPercent) {

    static final String SETTING = "payout.bank-master.max-removed-percent";

    /** Why the import must not go ahead, or empty when it removes no more than the limit. */
    Optional<String> refusal(BankMasterChanges changes, int banksBefore, int branchesBefore) {
        boolean banks = exceeds(changes.banksRemoved(), banksBefore);
        boolean branches = exceeds(changes.branchesRemoved(), branchesBefore);
        if (!banks && !branches) {
            return Optional.empty();
        }
        return Optional.of("it would remove " + share(changes.banksRemoved(), banksBefore) + " banks and "
                + share(changes.branchesRemoved(), branchesBefore) + " branches, more than the " + maxPercent
                + "% that " + SETTING + " allows");
    }

    private boolean exceeds(int removed, int before) {
        return (long) removed * 100 > (long) maxPercent * before;
    }

    /** "7 of 200 (3.5%)", the percentage rounded down to a tenth. */
    private static String share(int removed, int before) {
        long permille = before == 0 ? 0 : (long) removed * 1000 / before;
        return String.format("%,d of %,d (%d.%d%%)", removed, before, permille / 10, permille % 10);
    }
}

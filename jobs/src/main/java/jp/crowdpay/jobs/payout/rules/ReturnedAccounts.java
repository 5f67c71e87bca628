package jp.crowdpay.jobs.payout.rules;

import java.util.Collection;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.bankfile.account.BankAccountValidator;
import jp.crowdpay.jobs.bankfile.account.RawBankAccount;

/**
 * Whether an account is one a transfer came back from (flagged by import-returns). Accounts are
 * compared as the bank sees them: bank, branch, type, number and the payee name as the bank file
 * spells it, through the very validation and normalisation the bank file uses. So the platform
 * saving the same account in another spelling (full-width kana, other spaces) does not lift a
 * flag, and any change the bank line would show does.
 */
public final class ReturnedAccounts {

    private ReturnedAccounts() {
    }

    /** @param flagged the worker's flagged accounts, as recorded (any spelling that normalises) */
    public static boolean isFlagged(BankAccount account, Collection<RawBankAccount> flagged) {
        return flagged.stream().anyMatch(flag -> BankAccountValidator.validate(flag) instanceof BankAccountValidator.Valid valid
                && valid.account().equals(account));
    }

    /** As {@link #isFlagged(BankAccount, Collection)} for an account as stored: one the bank file cannot take is none. */
    public static boolean isFlagged(RawBankAccount stored, Collection<RawBankAccount> flagged) {
        return !flagged.isEmpty() && BankAccountValidator.validate(stored) instanceof BankAccountValidator.Valid valid
                && isFlagged(valid.account(), flagged);
    }
}

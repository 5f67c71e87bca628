package jp.crowdpay.jobs.payout.rules;

import java.util.Collection;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.bankfile.account.BankAccountValidator;
import jp.crowdpay.jobs.bankfile.account.RawBankAccount;
import jp.crowdpay.jobs.bankmaster.BankMaster;

/**
 * Applies the bank's rules to the account the platform stored, normalising the payee name, and,
 * when a bank master is loaded, refuses a bank or branch the master does not know: the bank would
 * return the transfer days later, with the worker's money in limbo.
 */
public class AccountChecker {

    /** The account is one a transfer came back from (flagged by import-returns); a change the bank line shows lifts it. */
    static final AccountCheck RETURNED = new AccountCheck.Refused(PayoutOutcome.ACCOUNT_RETURNED,
            "a transfer to this bank account came back; paid once the account changes");

    private final Optional<BankMaster.KnownCodes> master;

    public AccountChecker(Optional<BankMaster.KnownCodes> master) {
        this.master = master;
    }

    /** @param returnedFrom the worker's accounts that a transfer came back from, as flagged */
    public AccountCheck check(RawBankAccount stored, Collection<RawBankAccount> returnedFrom) {
        BankAccountValidator.Result result = BankAccountValidator.validate(stored);
        if (result instanceof BankAccountValidator.Valid valid) {
            return ReturnedAccounts.isFlagged(valid.account(), returnedFrom) ? RETURNED : checkAgainstMaster(valid.account());
        }
        BankAccountValidator.Invalid invalid = (BankAccountValidator.Invalid) result;
        PayoutOutcome reason = invalid.reason() == BankAccountValidator.Reason.INVALID_PAYEE_NAME
                ? PayoutOutcome.INVALID_PAYEE_NAME
                : PayoutOutcome.INVALID_BANK_ACCOUNT;
        return new AccountCheck.Refused(reason, invalid.message());
    }

    private AccountCheck checkAgainstMaster(BankAccount account) {
        if (master.isEmpty()) {
            return new AccountCheck.Usable(account);
        }
        // codes are no personal data: naming them tells support what to ask the worker
        if (!master.get().hasBank(account.bankCode())) {
            return new AccountCheck.Refused(PayoutOutcome.UNKNOWN_BANK_BRANCH,
                    "bank code " + account.bankCode() + " is not in the bank master");
        }
        if (!master.get().hasBranch(account.bankCode(), account.branchCode())) {
            return new AccountCheck.Refused(PayoutOutcome.UNKNOWN_BANK_BRANCH,
                    "branch code " + account.branchCode() + " is not in the bank master for bank " + account.bankCode());
        }
        return new AccountCheck.Usable(account);
    }
}

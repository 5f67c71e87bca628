package jp.crowdpay.jobs.returns;

import java.util.Optional;
import jp.crowdpay.jobs.bankfile.BankAccount;
import jp.crowdpay.jobs.bankfile.BankAccountValidator;
import jp.crowdpay.jobs.bankfile.RawBankAccount;

/**
 * Which stored account a return flags. The paying step compares the worker's bank_account as the
 * platform stores it, field by field, with the flag; the payout recorded the account as the bank
 * spells it (payee name normalised). So the flag takes the stored fields when they still make
 * the account the money came back from: a worker whose name is stored in full-width kana stays
 * flagged. If the stored account is another one already, the flag takes the payout's fields, and
 * the worker, whose account has changed, is paid by the normal rules.
 */
public final class FlaggedAccount {

    private FlaggedAccount() {
    }

    public static RawBankAccount of(BankAccount paidTo, Optional<RawBankAccount> stored) {
        if (stored.isPresent() && BankAccountValidator.validate(stored.get()) instanceof BankAccountValidator.Valid valid
                && valid.account().equals(paidTo)) {
            return stored.get();
        }
        return new RawBankAccount(paidTo.bankCode(), paidTo.branchCode(), paidTo.accountType().code(),
                paidTo.accountNumber(), paidTo.payeeName());
    }
}

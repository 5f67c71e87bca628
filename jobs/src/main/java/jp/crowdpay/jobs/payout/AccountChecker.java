package jp.crowdpay.jobs.payout;

import jp.crowdpay.jobs.bankfile.BankAccountValidator;
import jp.crowdpay.jobs.bankfile.RawBankAccount;
import org.springframework.stereotype.Component;

/** Applies the bank's rules to the account the platform stored, normalising the payee name. */
@Component
public class AccountChecker {

    public AccountCheck check(RawBankAccount stored) {
        BankAccountValidator.Result result = BankAccountValidator.validate(stored);
        if (result instanceof BankAccountValidator.Valid valid) {
            return new AccountCheck.Usable(valid.account());
        }
        BankAccountValidator.Invalid invalid = (BankAccountValidator.Invalid) result;
        PayoutOutcome reason = invalid.reason() == BankAccountValidator.Reason.INVALID_PAYEE_NAME
                ? PayoutOutcome.INVALID_PAYEE_NAME
                : PayoutOutcome.INVALID_BANK_ACCOUNT;
        return new AccountCheck.Refused(reason, invalid.message());
    }
}

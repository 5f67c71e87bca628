package jp.crowdpay.jobs.payout;

import jp.crowdpay.jobs.bankfile.BankAccount;
import org.springframework.stereotype.Component;

/** Applies the bank-account field rules to what the platform stored. */
@Component
public class AccountChecker {

    public AccountCheck check(String bankCode, String branchCode, Integer accountType, String accountNumber, String payeeName) {
        if (bankCode == null || !bankCode.matches("[0-9]{4}")) {
            return refused("bank code is not 4 digits");
        }
        if (branchCode == null || !branchCode.matches("[0-9]{3}")) {
            return refused("branch code is not 3 digits");
        }
        if (accountType == null || !(accountType == 1 || accountType == 2 || accountType == 4)) {
            return refused("account type is not 1, 2 or 4");
        }
        if (accountNumber == null || !accountNumber.matches("[0-9]{7}")) {
            return refused("account number is not 7 digits");
        }
        if (payeeName == null || !payeeName.matches("[ｦ-ﾟ0-9A-Z ()\\-./]{1,30}") || payeeName.contains("ｧ") ) {
            return refused("payee name has characters the bank does not accept");
        }
        return new AccountCheck.Usable(new BankAccount(bankCode, branchCode, accountType, accountNumber, payeeName));
    }

    private static AccountCheck refused(String problem) {
        return new AccountCheck.Refused(PayoutOutcome.INVALID_BANK_ACCOUNT, problem);
    }
}

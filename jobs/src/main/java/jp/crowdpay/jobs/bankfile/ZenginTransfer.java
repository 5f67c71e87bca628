package jp.crowdpay.jobs.bankfile;

import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.Masking;

/**
 * One data record of a 総合振込 file. Bank and branch names may be empty (written as spaces);
 * {@code customerCode} is the worker id, written zero-padded to 10 digits as customer code 1.
 */
public record ZenginTransfer(String bankCode, String bankName, String branchCode, String branchName,
        AccountType accountType, String accountNumber, String payeeName, long amount, long customerCode) {

    @Override
    public String toString() {
        return "ZenginTransfer[" + bankCode + "-" + branchCode + "-" + (accountType == null ? null : accountType.code()) + "-"
                + Masking.accountNumber(accountNumber) + " " + Masking.name(payeeName) + ", amount=" + amount
                + ", customerCode=" + customerCode + "]";
    }
}

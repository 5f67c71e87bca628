package jp.crowdpay.jobs.bankfile.account;

/** A bank account as the platform stores it, before any rule is checked; any field may be null or wrong. */
public record RawBankAccount(String bankCode, String branchCode, Integer accountType, String accountNumber,
        String payeeName) {

    @Override
    public String toString() {
        return bankCode + "-" + branchCode + "-" + accountType + "-" + Masking.accountNumber(accountNumber) + " "
                + Masking.name(payeeName);
    }
}

package jp.crowdpay.jobs.bankfile;

/** A validated bank account, payee name as the bank spells it. toString masks personal data. */
public record BankAccount(String bankCode, String branchCode, int accountType, String accountNumber, String payeeName) {

    @Override
    public String toString() {
        return bankCode + "-" + branchCode + "-" + accountType + "-****" + accountNumber.substring(accountNumber.length() - 3) + " (name masked)";
    }
}

package jp.crowdpay.jobs.bankfile;

import jp.crowdpay.jobs.bankfile.account.BankAccount;

/**
 * One transfer of a bank file, as recorded on the payout. Bank and branch names are the
 * master's half-width Zengin names at pay time, or null when no master had them.
 * toString masks personal data.
 */
public record PayoutLine(long workerId, BankAccount account, long amountYen, String bankName, String branchName) {

    public PayoutLine(long workerId, BankAccount account, long amountYen) {
        this(workerId, account, amountYen, null, null);
    }

    /** The largest worker id a customer code (10 digits) holds. */
    public static final long MAX_CUSTOMER_CODE = 9_999_999_999L;

    /** The customer code of the layouts: the worker id, zero-padded to 10 digits. */
    public String customerCode() {
        if (workerId < 0) {
            return String.format("%010d", workerId);
        }
        // written for every payout, where String.format costs more than the rest of the line
        String digits = Long.toString(workerId);
        return digits.length() >= 10 ? digits : "0".repeat(10 - digits.length()) + digits;
    }

    /** Whether the worker id fits a customer code: 0 or more, and 10 digits at most. */
    public boolean customerCodeFits() {
        return workerId >= 0 && workerId <= MAX_CUSTOMER_CODE;
    }
}

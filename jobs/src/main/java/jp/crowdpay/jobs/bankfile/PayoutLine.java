package jp.crowdpay.jobs.bankfile;

/** One transfer of a bank file, as recorded on the payout. toString masks personal data. */
public record PayoutLine(long workerId, BankAccount account, long amountYen) {

    /** The customer code of the layouts: the worker id, zero-padded to 10 digits. */
    public String customerCode() {
        return String.format("%010d", workerId);
    }
}

package jp.crowdpay.jobs.returns;

/**
 * One returned transfer as the notice lists it, every field checked for form. toString leaves
 * out the account number and the payee name.
 *
 * @param lineNumber  the line of the file, counted from 1 (title lines included)
 * @param accountType null when the layout has no such column
 * @param payeeName   in the bank's spelling, or null when the layout has no such column
 */
public record NoticeLine(int lineNumber, String bankFile, long workerId, String bankCode, String branchCode,
                         Integer accountType, String accountNumber, String payeeName, long amountYen,
                         ReturnReason reason, String reasonText) {

    public String customerCode() {
        return String.format("%010d", workerId);
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + bankFile + " customer " + customerCode() + " " + amountYen + " yen "
                + reason.label();
    }
}

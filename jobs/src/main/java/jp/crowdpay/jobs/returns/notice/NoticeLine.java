package jp.crowdpay.jobs.returns.notice;

import java.time.LocalDate;

/**
 * One returned transfer as the notice lists it, every field checked for form. toString leaves
 * out the account number and the payee name.
 *
 * @param lineNumber   the line of the file, counted from 1 (title lines included), or the record of a JSON array
 * @param bankFile     the bank file the transfer was in; null when the layout has no such field
 * @param transferDate the day the bank made the transfer; null when the layout has no such field
 * @param businessDate the business date of the payout run; null when the layout has no such field
 * @param accountType  null when the layout has no such field
 * @param payeeName    in the bank's spelling, or null when the layout has no such field
 */
public record NoticeLine(int lineNumber, String bankFile, LocalDate transferDate, LocalDate businessDate, long workerId,
                         String bankCode, String branchCode, Integer accountType, String accountNumber, String payeeName,
                         long amountYen, ReturnReason reason, String reasonText) {

    public String customerCode() {
        return String.format("%010d", workerId);
    }

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + (bankFile != null ? bankFile : transferDate != null ? "transfer of " + transferDate
                : "payout of " + businessDate) + " customer " + customerCode() + " " + amountYen + " yen " + reason.label();
    }
}

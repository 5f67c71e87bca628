package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout;

/**
 * What an import of the notice would record, printed by a dry run: each return with the payout it
 * names and the credit it would get, then the totals. Names workers by customer code, never an
 * account number or a payee name.
 */
record ImportPreview(String file, String sha256, ReturnNoticeLayout layout, LocalDate returnDate,
                     List<ReturnMatching.Matched> returns, boolean refundFee, LocalDate creditDeadline) {

    static final String SUBJECT = ReturnImporter.JOB_NAME + " dry run:";

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("Dry run: nothing was written. The return notice " + file + " (sha256 " + sha256 + ", layout "
                + layout.name() + ") would be imported with return date " + returnDate + ":");
        lines.add(String.format("  %6s  %-13s  %-19s  %-10s  %15s  %12s  %s", layout.shape().unit(), "customer_code",
                "bank_file", "run_of", "transferred_yen", "credit_yen", "reason"));
        for (ReturnMatching.Matched match : returns) {
            ReturnedPayout payout = match.payout();
            lines.add(String.format("  %6d  %-13s  %-19s  %-10s  %,15d  %,12d  %s", match.line().lineNumber(),
                    match.line().customerCode(), payout.bankFile(), payout.businessDate(), payout.amountYen(),
                    payout.creditYen(refundFee), match.line().reason().label()));
        }
        lines.add(String.format("  would record %,d returns: transferred %,d yen, fees %,d yen; would credit %,d yen"
                + " (the %s; payout.returns.refund-fee: %s)", returns.size(), transferredYen(), feeYen(), creditedYen(),
                refundFee ? "gross" : "amounts transferred", refundFee));
        lines.add("  the credits would be payable until " + creditDeadline + "; run the same command without --dry-run"
                + " to import");
        return lines;
    }

    /** The figures of its log line; the file by name only. */
    Map<String, Object> fields() {
        Map<String, Object> fields = ImportSummary.noticeFields(file, sha256, returnDate, returns.size());
        fields.put("credited_yen", creditedYen());
        return fields;
    }

    private long transferredYen() {
        return returns.stream().mapToLong(match -> match.payout().amountYen()).sum();
    }

    private long feeYen() {
        return returns.stream().mapToLong(match -> match.payout().feeYen()).sum();
    }

    private long creditedYen() {
        return returns.stream().mapToLong(match -> match.payout().creditYen(refundFee)).sum();
    }
}

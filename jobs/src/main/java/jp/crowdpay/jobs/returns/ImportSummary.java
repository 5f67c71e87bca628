package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.returns.notice.ReturnReason;

/** What an import recorded: printed at its end, and logged as one line. No personal data. */
record ImportSummary(String file, String sha256, LocalDate returnDate, List<ReturnMatching.Matched> returns,
                     ReturnConservation conservation, LocalDate creditDeadline) {

    static final String SUBJECT = ReturnImporter.JOB_NAME + " summary:";

    private Map<ReturnReason, long[]> byReason() {
        Map<ReturnReason, long[]> byReason = new EnumMap<>(ReturnReason.class);
        for (ReturnReason reason : ReturnReason.values()) {
            byReason.put(reason, new long[2]);
        }
        for (ReturnMatching.Matched match : returns) {
            long[] counts = byReason.get(match.line().reason());
            counts[0]++;
            counts[1] += match.payout().amountYen();
        }
        return byReason;
    }

    private long transferredYen() {
        return returns.stream().mapToLong(match -> match.payout().amountYen()).sum();
    }

    private long feeYen() {
        return returns.stream().mapToLong(match -> match.payout().feeYen()).sum();
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        lines.add("return notice " + file + " imported (sha256 " + sha256 + "), return date " + returnDate);
        lines.add(String.format("  returns recorded     %,d  transferred %,d yen  fees %,d yen", returns.size(),
                transferredYen(), feeYen()));
        lines.add(String.format("  yen credited         %,d  (the %s; payout.returns.refund-fee: %s)",
                conservation.creditedYen(), conservation.basis(), conservation.refundFee()));
        lines.add("  by reason:");
        byReason().forEach((reason, counts) -> lines.add(String.format("    %,6d returns  %,14d yen transferred  %s",
                counts[0], counts[1], reason.label())));
        lines.add(String.format("  conservation         credited %,d yen = the %s of the %,d returned payouts %,d yen",
                conservation.creditedYen(), conservation.basis(), conservation.returns(), conservation.expectedYen()));
        lines.add("  credits payable until " + creditDeadline + "; the accounts they came back from are not paid again:"
                + " their workers are carried forward (ACCOUNT_RETURNED) until the account changes");
        return lines;
    }

    long creditedYen() {
        return conservation.creditedYen();
    }

    /** The figures of its log line; the file by name only. */
    Map<String, Object> fields() {
        Map<String, Object> fields = noticeFields(file, sha256, returnDate, returns.size());
        fields.put("transferred_yen", transferredYen());
        fields.put("credited_yen", conservation.creditedYen());
        fields.put("refund_fee", conservation.refundFee());
        byReason().forEach((reason, counts) -> fields.put("reason_" + reason.code(), counts[0]));
        return fields;
    }

    /** The first fields of an import's log line, and of a dry run's. */
    static Map<String, Object> noticeFields(String file, String sha256, LocalDate returnDate, int returns) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("file", file);
        fields.put("sha256", sha256);
        fields.put("return_date", returnDate.toString());
        fields.put("returns", returns);
        return fields;
    }
}

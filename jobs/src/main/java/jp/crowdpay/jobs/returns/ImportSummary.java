package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** What an import recorded: printed at its end, and logged as one line. No personal data. */
record ImportSummary(String file, String sha256, LocalDate returnDate, List<ReturnMatching.Matched> returns,
                     ReturnConservation conservation, LocalDate creditDeadline) {

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

    /** One line a log search finds. */
    String oneLine() {
        StringBuilder line = new StringBuilder("importReturns summary:")
                .append(" file=").append(file)
                .append(" sha256=").append(sha256)
                .append(" return_date=").append(returnDate)
                .append(" returns=").append(returns.size())
                .append(" transferred_yen=").append(transferredYen())
                .append(" credited_yen=").append(conservation.creditedYen())
                .append(" refund_fee=").append(conservation.refundFee());
        byReason().forEach((reason, counts) -> line.append(" reason_").append(reason.code()).append('=').append(counts[0]));
        return line.toString();
    }
}

package jp.crowdpay.jobs.close;

import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a close says, for the operator, the accounting team and the log: the roll-forward, the
 * ledger's figures it was proved against, the missed nights confirmed, the movements by business
 * date and the journal. Built from the recorded close only, so a close printed again says the same.
 */
record CloseSummary(ClosedMonth close, ZoneId zone) {

    private static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");

    /** When and by whom, the time in payout.zone. */
    static String when(ClosedMonth close, ZoneId zone) {
        return "closed " + SECONDS.format(close.closedAt().atZoneSameInstant(zone)) + " by " + close.closedBy();
    }

    List<String> lines() {
        RollForward figures = close.figures();
        YearMonth month = figures.month();
        Day.Paid paid = figures.paid();
        List<String> lines = new ArrayList<>();
        lines.add("Month-end close of " + month + " (" + when(close, zone) + ")");
        lines.add(figure("opening liability", figures.opening(), close.afterPreviousClose()
                ? "the closing of " + month.minusMonths(1) + "; the ledger's history agrees"
                : "from the ledger's history (no earlier month is closed)"));
        lines.add(figure("+ arrived late, confirmed", figures.lateConfirmed(),
                "dated before " + month + ", committed after the previous close"));
        lines.add(figure("+ arrived late, re-credited", figures.lateRecredited(), String.format(
                "returned transfers dated in a closed month; %,d yen of it refunded fees", figures.lateRecreditedFeeRefund())));
        lines.add(figure("+ confirmed", figures.confirmed(), ""));
        lines.add(figure("+ re-credited", figures.recredited(), String.format(
                "returned transfers credited back; %,d yen of it refunded fees", figures.recreditedFeeRefund())));
        lines.add(figure("- paid", paid.rewardsAtGross(), String.format("%,d %s: %,d yen transferred + %,d yen fees",
                paid.payouts(), paid.payouts() == 1 ? "payout" : "payouts", paid.transferred(), paid.fee())));
        lines.add(figure("- expired", figures.expired(), "forfeited at their withdrawal deadline"));
        lines.add(figure("= closing liability", figures.closing(), ""));
        lines.add("  proved: the night of " + close.lastNight() + " left " + close.nightUnpaid() + " unpaid, and "
                + close.arrivedAfter() + " confirmed on or before " + month.atEndOfMonth()
                + " arrived after it opened; together the closing");
        lines.add("  missed nights confirmed: " + (close.missedNights().isEmpty() ? "none"
                : DateRange.join(DateRange.covering(new TreeSet<>(close.missedNights())))));
        lines.add(String.format("  %-10s  %-9s  %14s  %14s  %7s  %14s  %10s  %15s  %12s", "date", "night", "confirmed_yen",
                "recredited_yen", "payouts", "paid_gross_yen", "fee_yen", "transferred_yen", "expired_yen"));
        for (Day day : figures.days()) {
            lines.add(String.format("  %-10s  %-9s  %,14d  %,14d  %,7d  %,14d  %,10d  %,15d  %,12d", day.date(),
                    day.missedNight() ? "missed" : "completed", day.confirmed().yen(), day.recredited().yen(),
                    day.paid().payouts(), day.paid().gross(), day.paid().fee(), day.paid().transferred(), day.expired().yen()));
        }
        lines.add("  journal: " + (close.journalManifest() == null ? "not written yet"
                : JournalFiles.outboxPath(JournalManifest.yayoiFileNameFor(month)) + " (弥生会計, CP932) and "
                        + JournalFiles.outboxPath(JournalManifest.csvFileNameFor(month)) + " (UTF-8), "
                        + String.format("%,d entries, debit = credit = %,d yen", Journal.entries(close).size(),
                                Journal.total(Journal.entries(close)))
                        + "; manifest " + close.journalManifest() + " (sha256 " + close.journalSha256() + ")"));
        return lines;
    }

    /** The log line's figures, snake_case as the other summaries. */
    Map<String, Object> fields() {
        RollForward figures = close.figures();
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("month", figures.month().toString());
        fields.put("opening_yen", figures.opening().yen());
        fields.put("late_yen", figures.lateConfirmed().yen().add(figures.lateRecredited().yen()));
        fields.put("confirmed_yen", figures.confirmed().yen());
        fields.put("recredited_yen", figures.recredited().yen());
        fields.put("paid_gross_yen", figures.paid().gross());
        fields.put("paid_fee_yen", figures.paid().fee());
        fields.put("paid_transferred_yen", figures.paid().transferred());
        fields.put("expired_yen", figures.expired().yen());
        fields.put("closing_yen", figures.closing().yen());
        fields.put("closing_rewards", figures.closing().count());
        fields.put("last_night", close.lastNight().toString());
        fields.put("missed_nights", close.missedNights().size());
        fields.put("journal", close.journalManifest() == null ? "-" : close.journalManifest());
        return fields;
    }

    /** One line for status: the last closed month and its closing. */
    String statusLine() {
        return "last closed month " + close.figures().month() + ": closing liability " + close.figures().closing() + ", "
                + "closed " + SECONDS.format(close.closedAt().atZoneSameInstant(zone)) + ", journal "
                + (close.journalManifest() == null ? "not written yet (run close-month again)" : close.journalManifest());
    }

    private static String figure(String name, Tally tally, String note) {
        String line = String.format("  %-28s %,15d yen in %,d %s", name, tally.yen(), tally.count(),
                tally.count() == 1 ? "reward" : "rewards");
        return note.isEmpty() ? line : line + "   " + note;
    }
}

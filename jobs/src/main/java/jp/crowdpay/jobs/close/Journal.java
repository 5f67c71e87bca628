package jp.crowdpay.jobs.close;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import jp.crowdpay.jobs.close.ClosedMonth.JournalAccounts;
import jp.crowdpay.jobs.close.JournalEntry.Movement;

/**
 * The journal of a closed month, for the accounting software: one entry per kind of movement and
 * business date, none for a movement of 0 yen.
 * <pre>
 *   paid, the part transferred   liability       / bank
 *   paid, the fee deducted       liability       / fee income
 *   expired                      liability       / forfeited income
 *   re-credited, cash back       bank            / liability
 *   re-credited, fee refunded    fee income      / liability
 * </pre>
 * Confirmed rewards are booked by the marketplace's sales side, not here. Each entry's debit
 * equals its credit, and the entries add up to the close's figures ({@link #entries} proves it).
 */
final class Journal {

    private Journal() {
    }

    static List<JournalEntry> entries(ClosedMonth close) {
        RollForward figures = close.figures();
        JournalAccounts accounts = close.accounts();
        List<JournalEntry> entries = new ArrayList<>();
        LocalDate first = figures.month().atDay(1);
        BigInteger lateCash = figures.lateRecredited().yen().subtract(figures.lateRecreditedFeeRefund());
        add(entries, first, Movement.LATE_RECREDITED, accounts.bank(), accounts.taxCategory(), accounts.liability(),
                accounts.taxCategory(), lateCash, figures.lateRecredited().count());
        add(entries, first, Movement.LATE_RECREDITED_FEE_REFUND, accounts.feeIncome(), accounts.feeTaxCategory(),
                accounts.liability(), accounts.taxCategory(), figures.lateRecreditedFeeRefund(), figures.lateRecredited().count());
        for (Day day : figures.days()) {
            Day.Paid paid = day.paid();
            add(entries, day.date(), Movement.PAID_TRANSFERRED, accounts.liability(), accounts.taxCategory(), accounts.bank(),
                    accounts.taxCategory(), paid.transferred(), paid.payouts());
            add(entries, day.date(), Movement.PAID_FEE, accounts.liability(), accounts.taxCategory(), accounts.feeIncome(),
                    accounts.feeTaxCategory(), paid.fee(), paid.payouts());
            add(entries, day.date(), Movement.EXPIRED, accounts.liability(), accounts.taxCategory(), accounts.forfeitedIncome(),
                    accounts.taxCategory(), day.expired().yen(), day.expired().count());
            add(entries, day.date(), Movement.RECREDITED, accounts.bank(), accounts.taxCategory(), accounts.liability(),
                    accounts.taxCategory(), day.recredited().yen().subtract(day.recreditedFeeRefund()), day.recredited().count());
            add(entries, day.date(), Movement.RECREDITED_FEE_REFUND, accounts.feeIncome(), accounts.feeTaxCategory(),
                    accounts.liability(), accounts.taxCategory(), day.recreditedFeeRefund(), day.recredited().count());
        }
        proveTotals(figures, entries);
        return entries;
    }

    private static void add(List<JournalEntry> entries, LocalDate date, Movement movement, String debit, String debitTax,
                            String credit, String creditTax, BigInteger yen, long count) {
        if (yen.signum() > 0) {
            entries.add(new JournalEntry(date, movement, debit, debitTax, credit, creditTax, yen, count));
        }
    }

    /** Per movement the journal carries exactly the close's yen; a journal that would not is never written. */
    private static void proveTotals(RollForward figures, List<JournalEntry> entries) {
        Day.Paid paid = figures.paid();
        check("paid, transferred", paid.transferred(), sum(entries, Movement.PAID_TRANSFERRED));
        check("paid, fees", paid.fee(), sum(entries, Movement.PAID_FEE));
        check("expired", figures.expired().yen(), sum(entries, Movement.EXPIRED));
        check("re-credited", figures.recredited().yen().add(figures.lateRecredited().yen()),
                sum(entries, Movement.RECREDITED).add(sum(entries, Movement.RECREDITED_FEE_REFUND))
                        .add(sum(entries, Movement.LATE_RECREDITED)).add(sum(entries, Movement.LATE_RECREDITED_FEE_REFUND)));
    }

    static BigInteger sum(List<JournalEntry> entries, Movement movement) {
        return entries.stream().filter(entry -> entry.movement() == movement).map(JournalEntry::yen)
                .reduce(BigInteger.ZERO, BigInteger::add);
    }

    /** The yen of every entry: each is both a debit and a credit of this much. */
    static BigInteger total(List<JournalEntry> entries) {
        return entries.stream().map(JournalEntry::yen).reduce(BigInteger.ZERO, BigInteger::add);
    }

    private static void check(String movement, BigInteger close, BigInteger journal) {
        if (!close.equals(journal)) {
            throw new IllegalStateException("the journal's " + movement + " total " + journal + " yen differs from the close's "
                    + close + " yen");
        }
    }
}

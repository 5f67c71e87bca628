package jp.crowdpay.jobs.close;

import java.math.BigInteger;
import java.time.LocalDate;

/**
 * One journal entry: a kind of movement on a business date, one debit and one credit of the same
 * yen. {@code count} is the payouts (paid) or the rewards (expired, re-credited) it sums.
 */
record JournalEntry(LocalDate date, Movement movement, String debitAccount, String debitTaxCategory,
                    String creditAccount, String creditTaxCategory, BigInteger yen, long count) {

    /** The kinds of movement, in the order a date's entries are written, with their 摘要. */
    enum Movement {
        /** re-credits dated in an earlier, closed month, committed after it closed: booked on the month's first day */
        LATE_RECREDITED("組戻し再計上(締め済み月の日付)"),
        LATE_RECREDITED_FEE_REFUND("組戻し手数料返還(締め済み月の日付)"),
        PAID_TRANSFERRED("報酬支払 振込額"),
        PAID_FEE("報酬支払 振込手数料"),
        EXPIRED("出金期限切れ報酬"),
        RECREDITED("組戻し再計上"),
        RECREDITED_FEE_REFUND("組戻し手数料返還");

        private final String label;

        Movement(String label) {
            this.label = label;
        }
    }

    /** The 摘要: what moved and how many, e.g. {@code 報酬支払 振込額 12件}. */
    String description() {
        return movement.label + " " + count + "件";
    }
}

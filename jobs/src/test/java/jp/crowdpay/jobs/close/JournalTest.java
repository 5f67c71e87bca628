package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import jp.crowdpay.jobs.close.ClosedMonth.JournalAccounts;
import org.junit.jupiter.api.Test;

class JournalTest {

    private static final JournalAccounts ACCOUNTS = new JournalAccounts("未払金", "普通預金", "受取手数料", "雑収入", "対象外",
            "課税売上込10%");

    private static Day day(String date, Tally recredited, long feeRefund, Day.Paid paid, Tally expired) {
        return new Day(LocalDate.parse(date), 1L, Tally.ZERO, recredited, BigInteger.valueOf(feeRefund), paid, expired);
    }

    private static ClosedMonth close(Tally lateRecredited, long lateFeeRefund, Day... days) {
        RollForward figures = new RollForward(YearMonth.parse("2026-11"), Tally.of(3, 100_000), Tally.ZERO, lateRecredited,
                BigInteger.valueOf(lateFeeRefund), List.of(days));
        return new ClosedMonth(figures, true, LocalDate.parse("2026-11-30"), Tally.ZERO, Tally.ZERO, List.of(), ACCOUNTS,
                null, "test", null, null);
    }

    @Test
    void aReturnedTransferWhoseFeeWasRefundedIsCashBackToTheBankAndTheRefundOffTheFeeIncome() {
        // given: a payout of 10,000 gross (500 fee) came back; the worker got the gross back (refund-fee)
        ClosedMonth close = close(Tally.ZERO, 0,
                day("2026-11-12", Tally.of(1, 10_000), 500, Day.Paid.NONE, Tally.ZERO));
        // when
        String csv = new String(JournalCsv.write(Journal.entries(close)), StandardCharsets.UTF_8);
        // then
        assertThat(csv).isEqualTo(JournalCsv.HEADER + "\r\n"
                + "2026-11-12,RECREDITED,普通預金,対象外,未払金,対象外,9500,1,組戻し再計上 1件\r\n"
                + "2026-11-12,RECREDITED_FEE_REFUND,受取手数料,課税売上込10%,未払金,対象外,500,1,組戻し手数料返還 1件\r\n");
    }

    @Test
    void eachKindOfMovementIsOneEntryADateAndNoneForNothing() {
        // given
        ClosedMonth close = close(Tally.of(2, 7_000), 0,
                day("2026-11-02", Tally.ZERO, 0, new Day.Paid(3, 5, BigInteger.valueOf(60_000), BigInteger.valueOf(700),
                        BigInteger.valueOf(59_300)), Tally.of(2, 1_500)),
                day("2026-11-03", Tally.ZERO, 0, Day.Paid.NONE, Tally.ZERO));
        // when
        List<JournalEntry> entries = Journal.entries(close);
        // then: the late re-credits first, on the month's first day; the fee's credit side takes the fee tax category
        assertThat(new String(JournalCsv.write(entries), StandardCharsets.UTF_8)).isEqualTo(JournalCsv.HEADER + "\r\n"
                + "2026-11-01,LATE_RECREDITED,普通預金,対象外,未払金,対象外,7000,2,組戻し再計上(締め済み月の日付) 2件\r\n"
                + "2026-11-02,PAID_TRANSFERRED,未払金,対象外,普通預金,対象外,59300,3,報酬支払 振込額 3件\r\n"
                + "2026-11-02,PAID_FEE,未払金,対象外,受取手数料,課税売上込10%,700,3,報酬支払 振込手数料 3件\r\n"
                + "2026-11-02,EXPIRED,未払金,対象外,雑収入,対象外,1500,2,出金期限切れ報酬 2件\r\n");
        assertThat(Journal.total(entries)).isEqualTo(BigInteger.valueOf(7_000 + 59_300 + 700 + 1_500));
    }
}

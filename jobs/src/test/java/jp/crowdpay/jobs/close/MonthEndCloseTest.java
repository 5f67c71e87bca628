package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * October and November 2026 closed after their nights, to the yen. Fees: 100 yen at bank 0036,
 * 500 elsewhere; ON_DEMAND pays from 1,000 yen; a reward is payable until confirmation + 180 days.
 * <pre>
 *   worker 1 (0036)  12,000 on 10-28, paid 10-29; 5,000 on 11-03, paid 11-03, returned on 11-30 (4,900 re-credited)
 *   worker 2 (0001)  30,000 on 11-05, paid 11-05, returned 11-12 (29,500 re-credited), paid again 11-20 once the account changed
 *   worker 3 (0001)     800 on 11-10: below the threshold, owed at the month's end
 *   worker 4 (0036)   7,000 on 11-02: on hold, owed at the month's end
 *   worker 5 (carry-over)  900 on 04-20 (deadline 10-17: expired by the first night, 10-29); 1,100 on 05-04
 *                    (deadline 10-31, the last day of October: owed at October's end, expired by the night of 11-01);
 *                    1,300 on 05-14 (deadline 11-10: kept by the night of 11-10, expired by 11-11); 1,700 on 06-03
 *                    (deadline 11-30, the last day of November: owed at November's end)
 *   worker 6 (0036)   2,000 on 11-15: the night of 11-15 fails on it, then completes and pays it
 *   worker 7 (0001)   3,000 on 11-30, committed after the night of 11-30 opened: owed at the month's end, no November night covers it
 * </pre>
 * No night ran before 10-29 (the ledger's first reward: the nights began then): October closes with
 * 10-01..10-28 confirmed as missed.
 */
class MonthEndCloseTest extends DatabaseTest {

    @TempDir
    Path inbox;

    private CloseFixture close;

    @BeforeEach
    void fixture() {
        close = new CloseFixture(this::executeCapturing, jdbc, inbox);
    }

    private void octoberLedger() {
        var ledger = close.ledger();
        ledger.payableWorker(1, "0036");
        ledger.payableWorker(2, "0001");
        ledger.payableWorker(3, "0001");
        ledger.payableWorker(4, "0036").onHold(4);
        ledger.worker(5, "CARRY_OVER");
        ledger.payableWorker(6, "0036");
        ledger.payableWorker(7, "0001");
        ledger.reward(5, 900, "2026-04-20");
        ledger.reward(5, 1_100, "2026-05-04");
        ledger.reward(5, 1_300, "2026-05-14");
        ledger.reward(5, 1_700, "2026-06-03");
        ledger.reward(1, 12_000, "2026-10-28");
    }

    private void novemberRewards() {
        var ledger = close.ledger();
        ledger.reward(4, 7_000, "2026-11-02");
        ledger.reward(1, 5_000, "2026-11-03");
        ledger.reward(2, 30_000, "2026-11-05");
        ledger.reward(3, 800, "2026-11-10");
        ledger.reward(6, 2_000, "2026-11-15");
    }

    /** October's nights, the first of November's, and October closed. */
    private void octoberClosed() {
        octoberLedger();
        novemberRewards();
        close.nights("2026-10-29", "2026-11-01");
        close.closed("2026-10", "--missed-nights", "2026-10-01..2026-10-28");
    }

    /** November's nights, with the returns, the failed night and the late arrivals of the class comment. */
    private void novemberNights() throws Exception {
        close.nightsThrough("2026-11-11");
        close.returned("2026-11-12", "payout-20261105.csv,0000000002,0001,101,0000002,29500,1,該当口座なし");
        close.nightsThrough("2026-11-14");
        Captured failed = executeWithTestTrigger("before insert", "payout",
                "if new.worker_id = 6 then raise exception 'the bank link is down'; end if;", "payout", "--date", "2026-11-15");
        assertThat(failed.exitCode()).as(failed.err()).isEqualTo(1);
        close.night("2026-11-15");
        close.nightsThrough("2026-11-19");
        jdbc.update("update bank_account set account_number = '7777777' where worker_id = 2");
        close.nightsThrough("2026-11-30");
        close.ledger().reward(7, 3_000, "2026-11-30");
        close.returned("2026-11-30", "payout-20261103.csv,0000000001,0036,101,0000001,4900,9,");
    }

    @Test
    void octoberClosesWithItsLastDayDeadlineOwedAndTheMissedNightsConfirmed() throws Exception {
        // given
        octoberLedger();
        novemberRewards();
        close.nights("2026-10-29", "2026-11-01");
        // when
        Captured october = close.close("2026-10", "--missed-nights", "2026-10-01..2026-10-28");
        // then: 5,000 owed to worker 5 at the start; 12,000 confirmed and paid; 900 expired; 1,100 + 1,300 + 1,700 owed,
        // the 1,100 expired by the night of 11-01 all the same
        assertThat(october.exitCode()).as(october.err()).isZero();
        assertThat(close.recorded("2026-10")).isEqualTo("[4 5000 late 0 0 0 0 0 closing 3 4100 night 3 4100 arrived 0 0"
                + " missed {" + String.join(",", IntStream.rangeClosed(1, 28)
                .mapToObj(day -> String.format("2026-10-%02d", day)).toList()) + "} journal journal/journal-202610.manifest.json "
                + sha256(Path.of(OUTBOX, "journal", "journal-202610.manifest.json")) + "]");
        assertThat(close.recordedDays("2026-10")).isEqualTo("""
                2026-10-28 missed confirmed 1/12000 recredited 0/0/0 paid 0/0/0/0/0 expired 0/0
                2026-10-29 night confirmed 0/0 recredited 0/0/0 paid 1/1/12000/100/11900 expired 1/900""");
        assertThat(october.out())
                .contains("  opening liability                      5,000 yen in 4 rewards   from the ledger's history (no earlier month is closed)")
                .contains("  + confirmed                           12,000 yen in 1 reward")
                .contains("  - paid                                12,000 yen in 1 reward   1 payout: 11,900 yen transferred + 100 yen fees")
                .contains("  - expired                                900 yen in 1 reward   forfeited at their withdrawal deadline")
                .contains("  = closing liability                    4,100 yen in 3 rewards")
                .contains("  proved: the night of 2026-10-31 left 4,100 yen in 3 rewards unpaid, and 0 yen in 0 rewards confirmed on"
                        + " or before 2026-10-31 arrived after it opened; together the closing")
                .contains("  missed nights confirmed: 2026-10-01..2026-10-28");
        // and the journal, byte for byte: CP932, CRLF, 25 fields, no header
        assertThat(Files.readAllBytes(Path.of(OUTBOX, "journal", "journal-202610.csv"))).isEqualTo((""
                + "2000,,,2026/10/29,未払金,,,対象外,11900,,普通預金,,,対象外,11900,,報酬支払 振込額 1件,,,0,,,0,0,no\r\n"
                + "2000,,,2026/10/29,未払金,,,対象外,100,,受取手数料,,,対象外,100,,報酬支払 振込手数料 1件,,,0,,,0,0,no\r\n"
                + "2000,,,2026/10/29,未払金,,,対象外,900,,雑収入,,,対象外,900,,出金期限切れ報酬 1件,,,0,,,0,0,no\r\n")
                .getBytes(CloseFixture.CP932));
        assertThat(Files.readString(Path.of(OUTBOX, "journal", "journal-202610-utf8.csv"), StandardCharsets.UTF_8)).isEqualTo(""
                + "date,movement,debit_account,debit_tax_category,credit_account,credit_tax_category,amount_yen,count,description\r\n"
                + "2026-10-29,PAID_TRANSFERRED,未払金,対象外,普通預金,対象外,11900,1,報酬支払 振込額 1件\r\n"
                + "2026-10-29,PAID_FEE,未払金,対象外,受取手数料,対象外,100,1,報酬支払 振込手数料 1件\r\n"
                + "2026-10-29,EXPIRED,未払金,対象外,雑収入,対象外,900,1,出金期限切れ報酬 1件\r\n");
        assertThat(Files.readString(Path.of(OUTBOX, "journal", "journal-202610.manifest.json")))
                .contains("\"yayoi_lines\": 3,", "\"entries\": 3,", "\"debit_yen\": 12900,", "\"credit_yen\": 12900,",
                        "\"closing_yen\": 4100");
    }

    @Test
    void novemberRollsForwardToTheYenAndAgreesWithTheLedgerAndAnIndependentRecomputation() throws Exception {
        // given
        octoberClosed();
        novemberNights();
        // when
        Captured november = close.close("2026-11");
        // then: 4,100 + 47,800 confirmed + 34,400 re-credited - 66,500 paid - 2,400 expired = 17,400, owed to workers
        // 5 (1,700), 3 (800), 4 (7,000): what the night of 11-30 left unpaid; and 7 (3,000) and 1 (4,900): arrived after it opened
        assertThat(november.exitCode()).as(november.err()).isZero();
        assertThat(close.recorded("2026-11")).startsWith("[3 4100 late 0 0 0 0 0 closing 5 17400 night 3 9500 arrived 2 7900"
                + " missed {} journal journal/journal-202611.manifest.json");
        assertThat(close.recordedDays("2026-11")).isEqualTo("""
                2026-11-01 night confirmed 0/0 recredited 0/0/0 paid 0/0/0/0/0 expired 1/1100
                2026-11-02 night confirmed 1/7000 recredited 0/0/0 paid 0/0/0/0/0 expired 0/0
                2026-11-03 night confirmed 1/5000 recredited 0/0/0 paid 1/1/5000/100/4900 expired 0/0
                2026-11-05 night confirmed 1/30000 recredited 0/0/0 paid 1/1/30000/500/29500 expired 0/0
                2026-11-10 night confirmed 1/800 recredited 0/0/0 paid 0/0/0/0/0 expired 0/0
                2026-11-11 night confirmed 0/0 recredited 0/0/0 paid 0/0/0/0/0 expired 1/1300
                2026-11-12 night confirmed 0/0 recredited 1/29500/0 paid 0/0/0/0/0 expired 0/0
                2026-11-15 night confirmed 1/2000 recredited 0/0/0 paid 1/1/2000/100/1900 expired 0/0
                2026-11-20 night confirmed 0/0 recredited 0/0/0 paid 1/1/29500/500/29000 expired 0/0
                2026-11-30 night confirmed 1/3000 recredited 1/4900/0 paid 0/0/0/0/0 expired 0/0""");
        assertThat(november.out())
                .contains("  opening liability                      4,100 yen in 3 rewards   the closing of 2026-10; the ledger's history agrees")
                .contains("  + confirmed                           47,800 yen in 6 rewards")
                .contains("  + re-credited                         34,400 yen in 2 rewards   returned transfers credited back; 0 yen of it refunded fees")
                .contains("  - paid                                66,500 yen in 4 rewards   4 payouts: 65,300 yen transferred + 1,200 yen fees")
                .contains("  - expired                              2,400 yen in 2 rewards")
                .contains("  = closing liability                   17,400 yen in 5 rewards")
                .contains("  proved: the night of 2026-11-30 left 9,500 yen in 3 rewards unpaid, and 7,900 yen in 2 rewards"
                        + " confirmed on or before 2026-11-30 arrived after it opened; together the closing")
                .contains("  2026-11-15  completed           2,000               0        1           2,000         100            1,900             0")
                .contains("12 entries, debit = credit = 103,300 yen");
        assertThat(Files.readAllLines(Path.of(OUTBOX, "journal", "journal-202611.csv"), CloseFixture.CP932)).containsExactly(
                "2000,,,2026/11/01,未払金,,,対象外,1100,,雑収入,,,対象外,1100,,出金期限切れ報酬 1件,,,0,,,0,0,no",
                "2000,,,2026/11/03,未払金,,,対象外,4900,,普通預金,,,対象外,4900,,報酬支払 振込額 1件,,,0,,,0,0,no",
                "2000,,,2026/11/03,未払金,,,対象外,100,,受取手数料,,,対象外,100,,報酬支払 振込手数料 1件,,,0,,,0,0,no",
                "2000,,,2026/11/05,未払金,,,対象外,29500,,普通預金,,,対象外,29500,,報酬支払 振込額 1件,,,0,,,0,0,no",
                "2000,,,2026/11/05,未払金,,,対象外,500,,受取手数料,,,対象外,500,,報酬支払 振込手数料 1件,,,0,,,0,0,no",
                "2000,,,2026/11/11,未払金,,,対象外,1300,,雑収入,,,対象外,1300,,出金期限切れ報酬 1件,,,0,,,0,0,no",
                "2000,,,2026/11/12,普通預金,,,対象外,29500,,未払金,,,対象外,29500,,組戻し再計上 1件,,,0,,,0,0,no",
                "2000,,,2026/11/15,未払金,,,対象外,1900,,普通預金,,,対象外,1900,,報酬支払 振込額 1件,,,0,,,0,0,no",
                "2000,,,2026/11/15,未払金,,,対象外,100,,受取手数料,,,対象外,100,,報酬支払 振込手数料 1件,,,0,,,0,0,no",
                "2000,,,2026/11/20,未払金,,,対象外,29000,,普通預金,,,対象外,29000,,報酬支払 振込額 1件,,,0,,,0,0,no",
                "2000,,,2026/11/20,未払金,,,対象外,500,,受取手数料,,,対象外,500,,報酬支払 振込手数料 1件,,,0,,,0,0,no",
                "2000,,,2026/11/30,普通預金,,,対象外,4900,,未払金,,,対象外,4900,,組戻し再計上 1件,,,0,,,0,0,no");
        assertThat(independentRecomputation("2026-11-01", "2026-11-30")).isEqualTo(closeAsRecorded("2026-11"));
    }

    @Test
    void aClosedMonthIsPrintedAgainAsRecordedAndStatusShowsIt() throws Exception {
        // given
        octoberClosed();
        String recorded = close.recorded("2026-10");
        byte[] journal = Files.readAllBytes(Path.of(OUTBOX, "journal", "journal-202610.csv"));
        Files.delete(Path.of(OUTBOX, "journal", "journal-202610.csv"));
        // when: closed again, after the accounting team took the journal away and a reward arrived dated in October
        close.ledger().reward(3, 50_000, "2026-10-15");
        Captured again = close.close("2026-10");
        Captured status = close.run("status");
        // then
        assertThat(again.exitCode()).as(again.err()).isZero();
        assertThat(again.out()).startsWith("2026-10 was closed already (closed ")
                .contains("; its figures as recorded:")
                .contains("  = closing liability                    4,100 yen in 3 rewards");
        assertThat(close.recorded("2026-10")).isEqualTo(recorded);
        assertThat(Path.of(OUTBOX, "journal", "journal-202610.csv")).doesNotExist();
        assertThat(journal).isNotEmpty();
        assertThat(status.out()).containsPattern("monthEndClose: last closed month 2026-10: closing liability 4,100 yen in 3"
                + " rewards, closed 2026-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+09:00, journal journal/journal-202610.manifest.json");
    }

    /**
     * The month's figures from the ledger, by plain SQL written apart from the close's: what was
     * owed before the month and at its end (confirmed on or before the day, not settled by a night
     * dated on or before it), and per date what was confirmed, re-credited, paid and expired.
     */
    private String independentRecomputation(String first, String last) {
        String owedAtTheEndOf = """
                select count(*) || ' ' || coalesce(sum(amount_yen), 0) from reward r
                where r.confirmed_on <= ?::date
                  and not exists (select 1 from payout p join payout_run n on n.id = p.run_id
                                  where p.id = r.payout_id and n.business_date <= ?::date)
                  and not exists (select 1 from payout_run n where n.id = r.expired_by_run_id and n.business_date <= ?::date)""";
        String dayBefore = LocalDate.parse(first).minusDays(1).toString();
        List<String> days = jdbc.queryForList("""
                select d::date || ' ' ||
                  (select count(*) || '/' || coalesce(sum(amount_yen), 0) from reward where confirmed_on = d and return_id is null)
                  || ' ' ||
                  (select count(*) || '/' || coalesce(sum(amount_yen), 0) from reward where confirmed_on = d and return_id is not null)
                  || ' ' ||
                  (select count(*) || '/' || coalesce(sum(p.reward_count), 0) || '/' || coalesce(sum(p.gross_yen), 0) || '/'
                          || coalesce(sum(p.fee_yen), 0) || '/' || coalesce(sum(p.amount_yen), 0)
                   from payout p join payout_run n on n.id = p.run_id where n.business_date = d)
                  || ' ' ||
                  (select count(*) || '/' || coalesce(sum(r.amount_yen), 0)
                   from reward r join payout_run n on n.id = r.expired_by_run_id where n.business_date = d)
                from generate_series(?::date, ?::date, interval '1 day') d
                order by d""", String.class, first, last);
        return String.join("\n", "opening " + jdbc.queryForObject(owedAtTheEndOf, String.class, dayBefore, dayBefore, dayBefore),
                "closing " + jdbc.queryForObject(owedAtTheEndOf, String.class, last, last, last), String.join("\n", days));
    }

    private String closeAsRecorded(String month) {
        Map<String, Object> row = jdbc.queryForMap("select opening_count || ' ' || opening_yen as opening,"
                + " closing_count || ' ' || closing_yen as closing from closed_month where month = ?::date", month + "-01");
        List<String> days = jdbc.queryForList("""
                select business_date || ' ' || confirmed_count || '/' || confirmed_yen || ' ' || recredited_count || '/'
                       || recredited_yen || ' ' || payouts || '/' || paid_rewards || '/' || paid_gross_yen || '/' || paid_fee_yen
                       || '/' || paid_transferred_yen || ' ' || expired_count || '/' || expired_yen
                from closed_month_day where month = ?::date order by business_date""", String.class, month + "-01");
        return String.join("\n", "opening " + row.get("opening"), "closing " + row.get("closing"), String.join("\n", days));
    }

    private static String sha256(Path file) throws Exception {
        return Outbox.sha256(file);
    }
}

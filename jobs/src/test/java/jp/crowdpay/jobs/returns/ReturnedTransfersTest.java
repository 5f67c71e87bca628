package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Returned transfers over consecutive nights: the credit, the flag, the carry-forward with
 * ACCOUNT_RETURNED, and the payout once the account changes. Fees: 100 yen at bank 0036, 500 elsewhere.
 */
class ReturnedTransfersTest extends DatabaseTest {

    private LedgerFixture ledger;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @TempDir
    Path inbox;

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
    }

    private int execute(String... args) {
        out.reset();
        err.reset();
        return execute(new PrintStream(out, true), new PrintStream(err, true), args);
    }

    private void night(String date) {
        assertThat(execute("payout", "--date", date)).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
    }

    private String printed() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Workers 1-20, odd ones at bank 0036 (fee 100), even ones at 0001 (fee 500); worker w earns 10,000 + 100 w. */
    private void twentyWorkersPaidOn20261124() {
        for (long worker = 1; worker <= 20; worker++) {
            ledger.payableWorker(worker, worker % 2 == 1 ? "0036" : "0001");
            ledger.reward(worker, 10_000 + 100 * worker, "2026-11-01");
        }
        night("2026-11-24");
        assertThat(ledger.payouts("2026-11-24")).hasSize(20);
    }

    /** Workers 3 (no such account), 8 (payee name differs) and 15 (other) come back. */
    private Path noticeOfThreeReturns() throws Exception {
        return ReturnsFixture.notice(inbox.resolve("returns-20261125.csv"),
                "payout-20261124.csv,0000000003,0036,101,0000003,10200,1,該当口座なし",
                "payout-20261124.csv,0000000008,0001,101,0000008,10300,2,受取人名相違",
                "payout-20261124.csv,0000000015,0036,101,0000015,11400,9,");
    }

    private List<Map<String, Object>> exceptions(String date) {
        return jdbc.queryForList("""
                select e.worker_id, e.reason, e.balance_yen::bigint as balance_yen from payout_exception e
                join payout_run r on r.id = e.run_id where r.business_date = ?::date order by e.worker_id""", date);
    }

    @Test
    void returnedWorkersAreCreditedCarriedForwardWhileTheirAccountStaysAndPaidOnceItChanges() throws Exception {
        // given
        twentyWorkersPaidOn20261124();
        // when: the notice of the 25th is imported
        int exit = execute("import-returns", noticeOfThreeReturns().toString(), "--date", "2026-11-25");
        // then: each credited the amount transferred, confirmed on the return date
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForList("""
                select worker_id, amount_yen, confirmed_on::text, status from reward where return_id is not null
                order by worker_id""")).containsExactly(
                Map.of("worker_id", 3L, "amount_yen", 10_200L, "confirmed_on", "2026-11-25", "status", "UNPAID"),
                Map.of("worker_id", 8L, "amount_yen", 10_300L, "confirmed_on", "2026-11-25", "status", "UNPAID"),
                Map.of("worker_id", 15L, "amount_yen", 11_400L, "confirmed_on", "2026-11-25", "status", "UNPAID"));
        assertThat(printed())
                .contains("  returns recorded     3  transferred 31,900 yen  fees 700 yen")
                .contains("  yen credited         31,900  (the amounts transferred; payout.returns.refund-fee: false)")
                .contains("         1 returns          10,200 yen transferred  1 NO_SUCH_ACCOUNT (口座なし)")
                .contains("         1 returns          10,300 yen transferred  2 PAYEE_NAME_DIFFERS (名義相違)")
                .contains("         0 returns               0 yen transferred  3 ACCOUNT_CLOSED (解約済)")
                .contains("         0 returns               0 yen transferred  4 ACCOUNT_FROZEN_OR_REFUSED (取引停止・受取拒否)")
                .contains("         1 returns          11,400 yen transferred  9 OTHER (その他)")
                .contains("  conservation         credited 31,900 yen = the amounts transferred of the 3 returned payouts 31,900 yen")
                .contains("  credits payable until 2027-05-24;");

        // when: the next night, nothing changed: the three are carried forward with their credit
        night("2026-11-25");
        // then
        assertThat(exceptions("2026-11-25")).containsExactly(
                Map.of("worker_id", 3L, "reason", "ACCOUNT_RETURNED", "balance_yen", 10_200L),
                Map.of("worker_id", 8L, "reason", "ACCOUNT_RETURNED", "balance_yen", 10_300L),
                Map.of("worker_id", 15L, "reason", "ACCOUNT_RETURNED", "balance_yen", 11_400L));
        assertThat(ledger.payouts("2026-11-25")).isEmpty();
        assertThat(printed()).containsPattern("ACCOUNT_RETURNED +3 workers  31,900 yen");

        // when: worker 3 gives another account number, worker 8 corrects the payee name; all three earn 3,000 more
        jdbc.update("update bank_account set account_number = '7777777' where worker_id = 3");
        jdbc.update("update bank_account set payee_name = 'ﾃｽﾄ ﾊﾅｺ' where worker_id = 8");
        for (long worker : new long[] {3, 8, 15}) {
            ledger.reward(worker, 3_000, "2026-11-26");
        }
        night("2026-11-26");
        // then: credit + new rewards - fee, to the new account; worker 15 stays carried
        assertThat(ledger.payouts("2026-11-26")).containsExactly(
                Map.of("worker_id", 3L, "reward_count", 2, "gross_yen", 13_200L, "fee_yen", 100L, "amount_yen", 13_100L),
                Map.of("worker_id", 8L, "reward_count", 2, "gross_yen", 13_300L, "fee_yen", 500L, "amount_yen", 12_800L));
        assertThat(Files.readString(Path.of(OUTBOX, "payout-20261126.csv"), ReturnsFixture.WINDOWS_31J)).isEqualTo(
                "0036,101,1,7777777,ﾃｽﾄ ﾀﾛｳ,13100,0000000003\r\n"
                        + "0001,101,1,0000008,ﾃｽﾄ ﾊﾅｺ,12800,0000000008\r\n");
        assertThat(exceptions("2026-11-26")).containsExactly(
                Map.of("worker_id", 15L, "reason", "ACCOUNT_RETURNED", "balance_yen", 14_400L));
        assertThat(jdbc.queryForObject("""
                select unpaid_before_yen || ' = ' || (select sum(gross_yen) from payout where run_id = r.id) || ' + '
                       || expired_yen || ' + ' || unpaid_after_yen from payout_run r where business_date = '2026-11-26'""",
                String.class)).isEqualTo("40900 = 26500 + 0 + 14400");
    }

    @Test
    void statusShowsTheReturnsPerRunAndTheListShowsTheWorkersStillFlagged() throws Exception {
        // given
        twentyWorkersPaidOn20261124();
        execute("import-returns", noticeOfThreeReturns().toString(), "--date", "2026-11-25");
        jdbc.update("update bank_account set branch_code = '102' where worker_id = 8");
        // when
        execute("status");
        String status = printed();
        execute("returned-accounts");
        String flagged = printed();
        // then
        assertThat(status).contains("returns  returned_yen").containsPattern(
                "  2026-11-24  COMPLETED .* 20 +20 +\\d[\\d,]* +0 +3 +31,900  payout-20261124.csv");
        assertThat(flagged).contains(
                "           3  2026-11-25         10,200        10,200        10,200  1 NO_SUCH_ACCOUNT (口座なし)",
                "          15  2026-11-25         11,400        11,400        11,400  9 OTHER (その他)",
                "  2 workers").doesNotContain("     8  ").doesNotContain("0000003").doesNotContain("ﾃｽﾄ");
    }

    @Test
    void theReturnedPayoutStaysInHistoryAndItsFileIsReissuedWithTheOriginalBytes() throws Exception {
        // given
        twentyWorkersPaidOn20261124();
        String payoutsBefore = ledger.payouts("2026-11-24").toString();
        execute("import-returns", noticeOfThreeReturns().toString(), "--date", "2026-11-25");
        // when
        int exit = execute("reissue", "--date", "2026-11-24");
        // then
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
        assertThat(Files.readAllBytes(Path.of(OUTBOX, "reissued", "payout-20261124.csv")))
                .isEqualTo(Files.readAllBytes(Path.of(OUTBOX, "payout-20261124.csv")));
        assertThat(ledger.payouts("2026-11-24").toString()).isEqualTo(payoutsBefore);
        assertThat(jdbc.queryForObject("select count(*) from reward where status = 'PAID'", Long.class)).isEqualTo(20);
    }

    @Test
    void aWorkerWhoseStoredNameIsFullWidthIsCarriedForwardAllTheSame() throws Exception {
        // given: the platform stores the name as typed; the bank file carried it half-width
        ledger.worker(1, "ON_DEMAND").account(1, "0036", "251", 1, "1234567", "ヤマダ　タロウ");
        ledger.reward(1, 5_000, "2026-11-01");
        night("2026-11-24");
        Path notice = ReturnsFixture.notice(inbox.resolve("n.csv"), "payout-20261124.csv,0000000001,0036,251,1234567,4900,2,");
        assertThat(execute("import-returns", notice.toString(), "--date", "2026-11-25")).isEqualTo(ExitCodes.OK);
        // when
        night("2026-11-25");
        // then
        assertThat(exceptions("2026-11-25")).containsExactly(
                Map.of("worker_id", 1L, "reason", "ACCOUNT_RETURNED", "balance_yen", 4_900L));
    }

    @Test
    void aCreditStaysPayableUntilTheReturnDatePlus180DaysAndExpiresTheDayAfter() throws Exception {
        // given: paid on 2026-05-01, back on 2026-05-29: the credit's deadline is 2026-11-25
        ledger.payableWorker(1, "0001");
        ledger.reward(1, 5_000, "2026-04-20");
        night("2026-05-01");
        Path notice = ReturnsFixture.notice(inbox.resolve("n.csv"), "payout-20260501.csv,0000000001,0001,101,0000001,4500,3,");
        assertThat(execute("import-returns", notice.toString(), "--date", "2026-05-29")).isEqualTo(ExitCodes.OK);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("warning: the credits' withdrawal deadline, 2026-11-25, has passed: the next payout expires them");
        // when: the account never changes
        night("2026-11-25");
        Map<String, Object> onTheDeadline = jdbc.queryForMap("select expired_yen::bigint as expired_yen,"
                + " unpaid_after_yen::bigint as unpaid_after_yen from payout_run where business_date = '2026-11-25'");
        night("2026-11-26");
        // then
        assertThat(onTheDeadline).containsEntry("expired_yen", 0L).containsEntry("unpaid_after_yen", 4_500L);
        assertThat(exceptions("2026-11-25")).containsExactly(
                Map.of("worker_id", 1L, "reason", "ACCOUNT_RETURNED", "balance_yen", 4_500L));
        assertThat(jdbc.queryForMap("select expired_count, expired_yen::bigint as expired_yen, unpaid_after_yen::bigint as unpaid_after_yen from payout_run"
                + " where business_date = '2026-11-26'"))
                .containsEntry("expired_count", 1L).containsEntry("expired_yen", 4_500L).containsEntry("unpaid_after_yen", 0L);
        assertThat(jdbc.queryForObject("select status from reward where return_id is not null", String.class))
                .isEqualTo("EXPIRED");
    }
}

package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/** What the database itself refuses, whatever the Java code does: SQL written by hand included. */
class ReturnsDatabaseRulesTest extends DatabaseTest {

    @Autowired
    private TransactionTemplate transaction;

    private long payoutId;
    private long noticeId;

    /** Worker 1 was paid 4,900 yen (gross 5,000, fee 100) on 2026-11-24; a notice of the 25th is recorded. */
    @BeforeEach
    void aCompletedPayoutAndANotice() {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.reward(1, 5_000, "2026-11-01");
        execute(System.out, System.err, "payout", "--date", "2026-11-24");
        payoutId = jdbc.queryForObject("select id from payout", Long.class);
        noticeId = notice("a".repeat(64), false);
    }

    private long notice(String sha256, boolean refundFee) {
        return jdbc.queryForObject("""
                insert into return_notice (sha256, file, layout, returned_on, refund_fee, imported_by)
                values (?, 'n.csv', 'default', '2026-11-25', ?, 'test') returning id""", Long.class, sha256, refundFee);
    }

    /** A return with its credit and flag, in one transaction as the import writes them. */
    private void recordReturn(long notice, long payout, long creditYen) {
        transaction.executeWithoutResult(status -> {
            long returnId = jdbc.queryForObject("""
                    insert into payout_return (notice_id, line_number, payout_id, reason_code, reason_text)
                    values (?, 1, ?, 1, '') returning id""", Long.class, notice, payout);
            jdbc.update("insert into reward (worker_id, amount_yen, confirmed_on, return_id) values (1, ?, '2026-11-25', ?)",
                    creditYen, returnId);
            jdbc.update("""
                    insert into returned_account (return_id, worker_id, bank_code, branch_code, account_type, account_number, payee_name)
                    values (?, 1, '0036', '101', 1, '0000001', 'ﾃｽﾄ ﾀﾛｳ')""", returnId);
        });
    }

    @Test
    void acceptsAReturnWithItsCreditOfTheAmountTransferredAndItsFlag() {
        // when
        recordReturn(noticeId, payoutId, 4_900);
        // then
        assertThat(jdbc.queryForObject("""
                select count(*) from payout_return x
                join reward c on c.return_id = x.id and c.amount_yen = 4900
                join returned_account f on f.return_id = x.id""", Long.class)).isEqualTo(1);
    }

    @Test
    void refusesASecondReturnOfTheSamePayout() {
        // given
        recordReturn(noticeId, payoutId, 4_900);
        long secondNotice = notice("b".repeat(64), false);
        // then
        assertThatThrownBy(() -> recordReturn(secondNotice, payoutId, 4_900))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("payout_return_payout_id_key");
    }

    @Test
    void refusesACreditThatIsNotTheAmountTransferredOrWithRefundFeeTheGross() {
        // then: 5,000 is the gross, but this notice keeps the fee
        assertThatThrownBy(() -> recordReturn(noticeId, payoutId, 5_000))
                .hasMessageContaining("the credit of return 1 must be 4900 yen for worker 1 confirmed on 2026-11-25");
        // and: with refund-fee, the gross is the credit
        long refunding = notice("c".repeat(64), true);
        recordReturn(refunding, payoutId, 5_000);
        assertThat(jdbc.queryForObject("select amount_yen from reward where return_id is not null", Long.class))
                .isEqualTo(5_000);
    }

    @Test
    void refusesAReturnWithoutItsCreditWhenTheTransactionCommits() {
        // then: each statement commits on its own here
        assertThatThrownBy(() -> jdbc.update("""
                insert into payout_return (notice_id, line_number, payout_id, reason_code, reason_text)
                values (?, 1, ?, 1, '')""", noticeId, payoutId))
                .hasMessageContaining("return 1 has no credit");
        assertThat(jdbc.queryForObject("select count(*) from payout_return", Long.class)).isZero();
    }

    @Test
    void refusesAReturnOfAPayoutWhoseRunHasNotCompleted() {
        // given: a run of the 25th that has paid worker 1 but not completed
        long run = jdbc.queryForObject("""
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen)
                values ('2026-11-25', 0, 0, 0) returning id""", Long.class);
        long unfinished = jdbc.queryForObject("""
                insert into payout (run_id, worker_id, reward_count, gross_yen, fee_yen, amount_yen,
                                    bank_code, branch_code, account_type, account_number, payee_name)
                values (?, 1, 1, 2000, 100, 1900, '0036', '101', 1, '0000001', 'ﾃｽﾄ ﾀﾛｳ') returning id""", Long.class, run);
        // then
        assertThatThrownBy(() -> recordReturn(noticeId, unfinished, 1_900))
                .hasMessageContaining("payout " + unfinished + " belongs to the run of 2026-11-25, which has not completed");
    }

    @Test
    void aReturnAndItsCreditAreFinal() {
        // given
        recordReturn(noticeId, payoutId, 4_900);
        // then
        assertThatThrownBy(() -> jdbc.update("update payout_return set reason_code = 9"))
                .hasMessageContaining("payout_return rows are final");
        assertThatThrownBy(() -> jdbc.update("delete from returned_account"))
                .hasMessageContaining("returned_account rows are final");
        assertThatThrownBy(() -> jdbc.update("update reward set return_id = null where return_id is not null"))
                .hasMessageContaining("cannot change the return it credits");
        assertThatThrownBy(() -> jdbc.update("update reward set amount_yen = 1 where return_id is not null"))
                .hasMessageContaining("must be 4900 yen");
    }
}

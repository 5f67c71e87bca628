package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each rule of the nightly payout at its boundary, through the real job and ledger. */
class NightlyPayoutRulesTest extends DatabaseTest {

    private static final String NIGHT = "2026-07-01";


    private LedgerFixture ledger;

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
    }

    private void runNight() {
        int exit = execute(new PrintStream(new ByteArrayOutputStream()), System.err, "payout", "--date", NIGHT);
        assertThat(exit).isEqualTo(ExitCodes.OK);
    }

    private String outcomeOf(long workerId) {
        List<String> reasons = jdbc.queryForList("select reason from payout_exception where worker_id = ?", String.class, workerId);
        return reasons.isEmpty() ? null : reasons.get(0);
    }

    @Test
    void carriesForwardBalanceBelowOneThousandYen() {
        // given
        ledger.payableWorker(1, "0001");
        long reward = ledger.reward(1, 999, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
        assertThat(ledger.payouts(NIGHT)).isEmpty();
        assertThat(tally("BELOW_THRESHOLD")).containsExactly(1L, 999L);
    }

    @Test
    void paysOnDemandBalanceOfExactlyOneThousandYenLessTheFee() {
        // given
        ledger.payableWorker(1, "0001");
        long first = ledger.reward(1, 400, "2026-06-01");
        long second = ledger.reward(1, 600, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(first)).isEqualTo("PAID");
        assertThat(ledger.status(second)).isEqualTo("PAID");
        assertThat(ledger.payouts(NIGHT)).containsExactly(payout(1, 2, 1_000, 500, 500));
    }

    @Test
    void carriesForwardFiftyThousandMethodAt49999Yen() {
        // given
        ledger.worker(1, "MIN_50000").account(1, "0001", "101", 1, "1234567", "ﾃｽﾄ");
        long reward = ledger.reward(1, 49_999, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
        assertThat(tally("BELOW_THRESHOLD")).containsExactly(1L, 49_999L);
    }

    @Test
    void paysFiftyThousandMethodAtExactly50000Yen() {
        // given
        ledger.worker(1, "MIN_50000").account(1, "0036", "101", 1, "1234567", "ﾃｽﾄ");
        long reward = ledger.reward(1, 50_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("PAID");
        assertThat(ledger.payouts(NIGHT)).containsExactly(payout(1, 1, 50_000, 100, 49_900));
    }

    @Test
    void neverPaysCarryOverMethodHoweverLargeTheBalance() {
        // given
        ledger.worker(1, "CARRY_OVER").account(1, "0001", "101", 1, "1234567", "ﾃｽﾄ");
        long reward = ledger.reward(1, 9_000_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
        assertThat(tally("CARRY_OVER_METHOD")).containsExactly(1L, 9_000_000L);
    }

    @Test
    void paysRewardOnItsDeadlineDayAndExpiresItTheDayAfter() {
        // given: confirmed 2026-01-01 -> deadline 2026-06-30; confirmed 2026-01-02 -> deadline 2026-07-01
        ledger.payableWorker(1, "0001");
        long pastDeadline = ledger.reward(1, 3_000, "2026-01-01");
        long onDeadline = ledger.reward(1, 2_000, "2026-01-02");
        // when
        runNight();
        // then
        assertThat(ledger.status(pastDeadline)).isEqualTo("EXPIRED");
        assertThat(ledger.status(onDeadline)).isEqualTo("PAID");
        assertThat(ledger.payouts(NIGHT)).containsExactly(payout(1, 1, 2_000, 500, 1_500));
        assertThat(jdbc.queryForMap("select expired_count, expired_yen from payout_run"))
                .containsEntry("expired_count", 1L).containsEntry("expired_yen", BigDecimal.valueOf(3_000));
    }

    @Test
    void expiresCarryOverRewardsPastTheirDeadlineToo() {
        // given
        ledger.worker(1, "CARRY_OVER");
        long reward = ledger.reward(1, 70_000, "2026-01-01");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("EXPIRED");
    }

    @Test
    void leavesRewardsConfirmedAfterTheBusinessDateUntouched() {
        // given
        ledger.payableWorker(1, "0001");
        long today = ledger.reward(1, 1_000, "2026-07-01");
        long tomorrow = ledger.reward(1, 5_000, "2026-07-02");
        // when
        runNight();
        // then
        assertThat(ledger.status(today)).isEqualTo("PAID");
        assertThat(ledger.status(tomorrow)).isEqualTo("UNPAID");
        assertThat(ledger.payouts(NIGHT)).containsExactly(payout(1, 1, 1_000, 500, 500));
    }

    @Test
    void carriesForwardAndReportsWorkerOnPayoutHold() {
        // given
        ledger.payableWorker(1, "0001").onHold(1);
        long reward = ledger.reward(1, 5_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
        assertThat(outcomeOf(1)).isEqualTo("PAYOUT_HOLD");
    }

    @Test
    void carriesForwardAndReportsWorkerWithoutBankAccount() {
        // given
        ledger.worker(1, "ON_DEMAND");
        long reward = ledger.reward(1, 5_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
        assertThat(outcomeOf(1)).isEqualTo("NO_BANK_ACCOUNT");
    }

    @Test
    void carriesForwardAndReportsWorkerWithInvalidBankAccount() {
        // given: a 6-digit account number
        ledger.worker(1, "ON_DEMAND").account(1, "0001", "101", 1, "123456", "ﾃｽﾄ");
        long reward = ledger.reward(1, 5_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
        assertThat(outcomeOf(1)).isEqualTo("INVALID_BANK_ACCOUNT");
        assertThat(jdbc.queryForObject("select detail from payout_exception", String.class))
                .contains("account number").doesNotContain("123456");
    }

    @Test
    void carriesForwardAndReportsWorkerWhosePayeeNameCannotBeMadeValid() {
        // given: lower-case letters are not allowed, and guessing a spelling would risk a failed transfer
        ledger.worker(1, "ON_DEMAND").account(1, "0001", "101", 1, "1234567", "Yamada");
        ledger.payableWorker(2, "0001");
        long reward = ledger.reward(1, 5_000, "2026-06-30");
        ledger.reward(2, 5_000, "2026-06-30");
        // when
        runNight();
        // then: the others are paid, this worker waits
        assertThat(ledger.status(reward)).isEqualTo("UNPAID");
        assertThat(outcomeOf(1)).isEqualTo("INVALID_PAYEE_NAME");
        assertThat(ledger.payouts(NIGHT)).extracting(row -> row.get("worker_id")).containsExactly(2L);
    }

    @Test
    void recordsTheNormalisedPayeeNameOnThePayout() {
        // given: stored in full-width katakana with an ideographic space
        ledger.worker(1, "ON_DEMAND").account(1, "0001", "101", 1, "1234567", "ヤマダ　タロウ");
        ledger.reward(1, 5_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(jdbc.queryForObject("select payee_name from payout", String.class)).isEqualTo("ﾔﾏﾀﾞ ﾀﾛｳ");
    }

    @Test
    void deductsTheFeeOfTheReceivingBank() {
        // given: 100 yen to bank 0036, 500 yen to any other bank
        ledger.payableWorker(1, "0036");
        ledger.payableWorker(2, "0005");
        ledger.reward(1, 10_000, "2026-06-30");
        ledger.reward(2, 10_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.payouts(NIGHT)).containsExactly(
                payout(1, 1, 10_000, 100, 9_900),
                payout(2, 1, 10_000, 500, 9_500));
    }

    @Test
    void workersWithIdsOfZeroAndBelowGetAnOutcomeAndTheRunProvesEveryWorkerInScopeWasConsidered() {
        // given: worker 0 is payable; -5 cannot be written (a customer code is 10 digits, never negative); -7 is below threshold
        ledger.worker(0, "ON_DEMAND").account(0, "0001", "101", 1, "1000000", "ﾃｽﾄ");
        ledger.worker(-5, "ON_DEMAND").account(-5, "0001", "101", 1, "1000005", "ﾃｽﾄ");
        ledger.worker(-7, "ON_DEMAND").account(-7, "0001", "101", 1, "1000007", "ﾃｽﾄ");
        ledger.payableWorker(1, "0001");
        ledger.reward(0, 2_000, "2026-06-30");
        ledger.reward(-5, 3_000, "2026-06-30");
        ledger.reward(-7, 999, "2026-06-30");
        ledger.reward(1, 4_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.payouts(NIGHT)).containsExactly(payout(0, 1, 2_000, 500, 1_500), payout(1, 1, 4_000, 500, 3_500));
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason || ' ' || detail from payout_exception", String.class))
                .containsExactly("-5 BANK_FILE_LIMIT the csv file cannot hold this line: customer code must be 0 or more"
                        + " and fit 10 digits");
        assertThat(tally("BELOW_THRESHOLD")).containsExactly(1L, 999L);
        assertThat(jdbc.queryForMap("select workers_in_scope, (select sum(workers) from payout_run_tally) as considered"
                + " from payout_run")).containsEntry("workers_in_scope", 4L).containsEntry("considered", BigDecimal.valueOf(4));
    }

    @Test
    void carriesForwardABalancePastWhatAPayoutCanRecordAndProvesTotalsPastBigint() {
        // given: worker 1's two rewards add up past 9,223,372,036,854,775,807 yen; 2 and 3 each hold 9e18 yen
        ledger.payableWorker(1, "0001");
        ledger.payableWorker(2, "0001");
        ledger.payableWorker(3, "0001");
        ledger.reward(1, 5_000_000_000_000_000_000L, "2026-06-30");
        ledger.reward(1, 5_000_000_000_000_000_000L, "2026-06-30");
        ledger.reward(2, 9_000_000_000_000_000_000L, "2026-06-30");
        ledger.reward(3, 9_000_000_000_000_000_000L, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(ledger.payouts(NIGHT)).containsExactly(
                payout(2, 1, 9_000_000_000_000_000_000L, 500, 8_999_999_999_999_999_500L),
                payout(3, 1, 9_000_000_000_000_000_000L, 500, 8_999_999_999_999_999_500L));
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason || ' ' || balance_yen from payout_exception", String.class))
                .containsExactly("1 BALANCE_TOO_LARGE 10000000000000000000");
        assertThat(jdbc.queryForObject("select unpaid_before_yen || ' ' || unpaid_after_yen from payout_run", String.class))
                .isEqualTo("28000000000000000000 10000000000000000000");
    }

    @Test
    void recordsWhyAPayeeNameWasRefusedWithoutQuotingAnyOfItsCharacters() {
        // given
        ledger.worker(1, "ON_DEMAND").account(1, "0001", "101", 1, "1234567", "山田 太郎");
        ledger.worker(2, "ON_DEMAND").account(2, "0001", "101", 1, "1234567", "Yamada");
        ledger.reward(1, 5_000, "2026-06-30");
        ledger.reward(2, 5_000, "2026-06-30");
        // when
        runNight();
        // then
        assertThat(jdbc.queryForList("select detail from payout_exception order by worker_id", String.class)).containsExactly(
                "payee name has a character the bank does not take at position 1"
                        + " (half-width katakana, 0-9, A-Z, space and ( ) - . / only)",
                "payee name has a lower-case letter at position 2; the bank takes upper-case A-Z only");
    }

    private List<Long> tally(String outcome) {
        return jdbc.query("select workers, balance_yen from payout_run_tally where outcome = ?",
                (rs, row) -> List.of(rs.getLong(1), rs.getLong(2)), outcome).stream().findFirst().orElse(List.of());
    }

    private static Map<String, Object> payout(long workerId, int rewards, long gross, long fee, long amount) {
        return Map.of("worker_id", workerId, "reward_count", rewards, "gross_yen", gross, "fee_yen", fee, "amount_yen", amount);
    }
}

package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.Map;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import org.junit.jupiter.api.Test;

class WithdrawalRuleTest {

    private static final BankAccount RAKUTEN = new BankAccount("0036", "251", AccountType.ORDINARY, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");
    private static final BankAccount MIZUHO = new BankAccount("0001", "001", AccountType.ORDINARY, "7654321", "ｽｽﾞｷ ﾊﾅｺ");
    private final WithdrawalRule rule = new WithdrawalRule(1_000, 50_000, new FeeSchedule(500, Map.of("0036", 100L)));

    private static WorkerBalance balance(WithdrawalMethod method, long yen, boolean onHold, AccountCheck account) {
        return new WorkerBalance(7, BigInteger.valueOf(yen), 3, method, onHold, account);
    }

    private static WorkerBalance payable(WithdrawalMethod method, long yen) {
        return balance(method, yen, false, new AccountCheck.Usable(MIZUHO));
    }

    @Test
    void carriesForwardOnDemandBalanceOf999Yen() {
        // given
        WorkerBalance worker = payable(WithdrawalMethod.ON_DEMAND, 999);
        // when
        Decision decision = rule.decide(worker);
        // then
        assertThat(decision.outcome()).isEqualTo(PayoutOutcome.BELOW_THRESHOLD);
    }

    @Test
    void paysOnDemandBalanceOf1000YenComparingBeforeTheFee() {
        // given
        WorkerBalance worker = payable(WithdrawalMethod.ON_DEMAND, 1_000);
        // when
        Decision decision = rule.decide(worker);
        // then
        assertThat(decision).isInstanceOf(Decision.Pay.class);
        assertThat(((Decision.Pay) decision).feeYen()).isEqualTo(500);
        assertThat(((Decision.Pay) decision).amountYen()).isEqualTo(500);
    }

    @Test
    void carriesForwardFiftyThousandMethodAt49999Yen() {
        assertThat(rule.decide(payable(WithdrawalMethod.MIN_50000, 49_999)).outcome()).isEqualTo(PayoutOutcome.BELOW_THRESHOLD);
    }

    @Test
    void paysFiftyThousandMethodAt50000Yen() {
        assertThat(rule.decide(payable(WithdrawalMethod.MIN_50000, 50_000)).outcome()).isEqualTo(PayoutOutcome.PAID);
    }

    @Test
    void neverPaysCarryOverMethodEvenWithAHugeBalance() {
        assertThat(rule.decide(payable(WithdrawalMethod.CARRY_OVER, Long.MAX_VALUE / 2)).outcome())
                .isEqualTo(PayoutOutcome.CARRY_OVER_METHOD);
    }

    @Test
    void reportsHoldOnlyForWorkersDueAPayout() {
        // given
        WorkerBalance dueButHeld = balance(WithdrawalMethod.ON_DEMAND, 5_000, true, new AccountCheck.Usable(MIZUHO));
        WorkerBalance belowThresholdAndHeld = balance(WithdrawalMethod.ON_DEMAND, 500, true, new AccountCheck.Usable(MIZUHO));
        // when / then
        assertThat(rule.decide(dueButHeld).outcome()).isEqualTo(PayoutOutcome.PAYOUT_HOLD);
        assertThat(rule.decide(belowThresholdAndHeld).outcome()).isEqualTo(PayoutOutcome.BELOW_THRESHOLD);
    }

    @Test
    void carriesForwardWorkerWithoutBankAccount() {
        assertThat(rule.decide(balance(WithdrawalMethod.ON_DEMAND, 5_000, false, new AccountCheck.Missing())).outcome())
                .isEqualTo(PayoutOutcome.NO_BANK_ACCOUNT);
    }

    @Test
    void carriesForwardWorkerWithRefusedAccountGivingTheReason() {
        // given
        AccountCheck refused = new AccountCheck.Refused(PayoutOutcome.INVALID_BANK_ACCOUNT, "branch code is not 3 digits");
        // when
        Decision decision = rule.decide(balance(WithdrawalMethod.ON_DEMAND, 5_000, false, refused));
        // then
        assertThat(decision.outcome()).isEqualTo(PayoutOutcome.INVALID_BANK_ACCOUNT);
        assertThat(((Decision.CarryForward) decision).detail()).isEqualTo("branch code is not 3 digits");
    }

    @Test
    void chargesTheFeeOfTheReceivingBankOrTheDefault() {
        // given
        WorkerBalance toRakuten = balance(WithdrawalMethod.ON_DEMAND, 10_000, false, new AccountCheck.Usable(RAKUTEN));
        WorkerBalance toMizuho = balance(WithdrawalMethod.ON_DEMAND, 10_000, false, new AccountCheck.Usable(MIZUHO));
        // when / then
        assertThat(((Decision.Pay) rule.decide(toRakuten)).amountYen()).isEqualTo(9_900);
        assertThat(((Decision.Pay) rule.decide(toMizuho)).amountYen()).isEqualTo(9_500);
    }

    @Test
    void chargesNoFeeWhenNoneIsConfigured() {
        // given
        WithdrawalRule noFees = new WithdrawalRule(1_000, 50_000, new FeeSchedule(0, Map.of()));
        // when
        Decision decision = noFees.decide(payable(WithdrawalMethod.ON_DEMAND, 1_000));
        // then
        assertThat(((Decision.Pay) decision).amountYen()).isEqualTo(1_000);
    }

    @Test
    void carriesForwardAPayoutThatWouldBeZeroAfterTheFee() {
        // given: a rule whose threshold is not above the fee (the settings refuse it; the rule holds on its own)
        WithdrawalRule feeAsLargeAsThreshold = new WithdrawalRule(500, 50_000, new FeeSchedule(500, Map.of()));
        // when
        Decision decision = feeAsLargeAsThreshold.decide(payable(WithdrawalMethod.ON_DEMAND, 500));
        // then
        assertThat(decision.outcome().name()).isEqualTo("NOTHING_AFTER_FEE");
        assertThat(((Decision.CarryForward) decision).detail()).isEqualTo("the transfer fee of 500 yen leaves nothing to transfer");
    }

    @Test
    void paysOneYenAfterAFeeOneYenBelowTheBalance() {
        // given
        WithdrawalRule feeJustBelowThreshold = new WithdrawalRule(500, 50_000, new FeeSchedule(499, Map.of()));
        // when
        Decision decision = feeJustBelowThreshold.decide(payable(WithdrawalMethod.ON_DEMAND, 500));
        // then
        assertThat(((Decision.Pay) decision).amountYen()).isEqualTo(1);
    }
}

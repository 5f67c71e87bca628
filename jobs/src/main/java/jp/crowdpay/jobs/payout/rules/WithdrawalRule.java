package jp.crowdpay.jobs.payout.rules;

import java.math.BigInteger;

/**
 * Decides whether a worker's balance is paid tonight. The withdrawal method comes first: a
 * balance the worker does not want paid yet is not "unpayable", so hold and account problems
 * are reported only for workers who were due a payout.
 */
public record WithdrawalRule(long onDemandThresholdYen, long min50000ThresholdYen, FeeSchedule fees) {

    public Decision decide(WorkerBalance worker) {
        if (worker.method() == WithdrawalMethod.CARRY_OVER) {
            return new Decision.CarryForward(worker, PayoutOutcome.CARRY_OVER_METHOD, null);
        }
        // the thresholds compare the balance before fees
        if (worker.balanceYen().compareTo(BigInteger.valueOf(thresholdFor(worker.method()))) < 0) {
            return new Decision.CarryForward(worker, PayoutOutcome.BELOW_THRESHOLD, null);
        }
        if (worker.onHold()) {
            return new Decision.CarryForward(worker, PayoutOutcome.PAYOUT_HOLD, "payout hold");
        }
        // Java 17: no pattern matching for switch yet
        AccountCheck account = worker.account();
        if (account instanceof AccountCheck.Usable usable) {
            return pay(worker, usable);
        }
        if (account instanceof AccountCheck.Refused refused) {
            return new Decision.CarryForward(worker, refused.reason(), refused.problem());
        }
        return new Decision.CarryForward(worker, PayoutOutcome.NO_BANK_ACCOUNT, "no bank account");
    }

    private Decision pay(WorkerBalance worker, AccountCheck.Usable usable) {
        if (worker.balanceYen().bitLength() >= Long.SIZE) {
            return new Decision.CarryForward(worker, PayoutOutcome.BALANCE_TOO_LARGE,
                    "the balance is more than a payout records (" + Long.MAX_VALUE + " yen)");
        }
        long fee = fees.feeFor(usable.account().bankCode());
        if (worker.balanceYen().longValueExact() - fee <= 0) {
            // the settings refuse a threshold not above every fee; the rule holds on its own all the same
            return new Decision.CarryForward(worker, PayoutOutcome.NOTHING_AFTER_FEE,
                    "the transfer fee of " + fee + " yen leaves nothing to transfer");
        }
        return new Decision.Pay(worker, usable.account(), fee);
    }

    private long thresholdFor(WithdrawalMethod method) {
        return switch (method) {
            case ON_DEMAND -> onDemandThresholdYen;
            case MIN_50000 -> min50000ThresholdYen;
            case CARRY_OVER -> Long.MAX_VALUE;
        };
    }
}

package jp.crowdpay.jobs.payout;

import jp.crowdpay.jobs.bankfile.BankAccount;

/** The run's decision for one worker. */
public sealed interface Decision {

    WorkerBalance balance();

    PayoutOutcome outcome();

    record Pay(WorkerBalance balance, BankAccount account, long feeYen) implements Decision {
        public long amountYen() {
            return balance.balanceYen() - feeYen;
        }

        @Override
        public PayoutOutcome outcome() {
            return PayoutOutcome.PAID;
        }
    }

    record CarryForward(WorkerBalance balance, PayoutOutcome outcome, String detail) implements Decision {
    }
}

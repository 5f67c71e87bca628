package jp.crowdpay.jobs.payout.rules;

import jp.crowdpay.jobs.bankfile.account.BankAccount;

/** The run's decision for one worker. */
public sealed interface Decision {

    WorkerBalance balance();

    PayoutOutcome outcome();

    /** Made only for a balance that a payout records (a long) and that leaves something after the fee. */
    record Pay(WorkerBalance balance, BankAccount account, long feeYen) implements Decision {
        public long grossYen() {
            return balance.balanceYen().longValueExact();
        }

        public long amountYen() {
            return grossYen() - feeYen;
        }

        @Override
        public PayoutOutcome outcome() {
            return PayoutOutcome.PAID;
        }
    }

    /** @param detail for operators; never personal data */
    record CarryForward(WorkerBalance balance, PayoutOutcome outcome, String detail) implements Decision {
    }
}

package jp.crowdpay.jobs.payout.rules;

import java.math.BigInteger;

/**
 * A worker's unpaid balance (未出金報酬額) on the business date, with what decides its fate. The
 * balance is a sum of bigint amounts, so it can pass the range of a long. Of a worker whose rows
 * could not be taken ({@link PayoutOutcome#ROWS_LOCKED}) only the balance is known: its method and
 * account are null.
 */
public record WorkerBalance(
        long workerId,
        BigInteger balanceYen,
        int rewardCount,
        WithdrawalMethod method,
        boolean onHold,
        AccountCheck account) {
}

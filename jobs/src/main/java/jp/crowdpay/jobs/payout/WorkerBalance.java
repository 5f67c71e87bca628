package jp.crowdpay.jobs.payout;

/** A worker's unpaid balance (未出金報酬額) on the business date, with what decides its fate. */
public record WorkerBalance(
        long workerId,
        long balanceYen,
        int rewardCount,
        WithdrawalMethod method,
        boolean onHold,
        AccountCheck account) {
}

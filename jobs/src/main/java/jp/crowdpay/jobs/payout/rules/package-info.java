/**
 * The payout's rules as plain Java, with no Spring and no JDBC: what a worker's balance comes to
 * ({@code WithdrawalRule}: method, threshold, hold, account, fee), the deadline of a reward, the
 * transfer fees, whether an account is usable ({@code AccountChecker}, {@code ReturnedAccounts}),
 * whether a payout fits the night's bank file, where the paid rewards are marked, how often a
 * worker whose rows are held is tried, the ranges of reward ids the marking takes, and the
 * conservation of a night's totals. May use bankfile and the bank master's codes; uses no other
 * room of the payout.
 */
package jp.crowdpay.jobs.payout.rules;

/**
 * The settling of the rewards a run covers: the SQL that marks the paid ones, in the paying chunks
 * or by ranges of reward ids, and expires, by the same ranges, those past the deadline, and the
 * choice between chunks and ranges when a run opens ({@code PaidRewardsMarking}); the proof that
 * each payout's rewards are exactly the balance it paid ({@code PaidRewardsProof}); the settling
 * by ranges: its ranges as partitions ({@code SettlingRanges}), the threads that take them in
 * turn ({@code SettlingThreads}) and the tasklet that settles one ({@code SettleRewardsTasklet}).
 * May use run, rules and runs.
 */
package jp.crowdpay.jobs.payout.marking;

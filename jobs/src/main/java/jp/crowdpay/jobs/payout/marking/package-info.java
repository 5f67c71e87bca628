/**
 * The marking of the rewards a run paid: its SQL, in the paying chunks or by ranges of reward ids,
 * the choice between the two when a run opens, and the proof that each payout's rewards are
 * exactly the balance it paid ({@code PaidRewardsMarking}); the step that marks by ranges and
 * proves ({@code MarkRewardsPaidTasklet}). May use run, rules and runs.
 */
package jp.crowdpay.jobs.payout.marking;

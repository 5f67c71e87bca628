/**
 * The nightly payout as the command line runs it: the job and the steps that are the night's own
 * ({@code NightlyPayoutJobConfiguration}: open the run, expire, write the bank file, close it with
 * the proof of conservation), its launch and the catch-up of an earlier unfinished night
 * ({@code PayoutLauncher}), what runs after each night ({@code AfterPayout}, which the notices
 * implement), and the metrics of a run. Its rooms, in the order a night passes through them:
 * {@code settings} (checked before a run starts), {@code run} (the run's row, its scope and its
 * ledger), {@code paying} (split by {@code partitioning}), {@code marking}, {@code handover} (the
 * bank file); {@code rules} holds the plain rules they apply. May use its rooms, bankfile,
 * bankmaster, runs and settings; no room uses it.
 */
package jp.crowdpay.jobs.payout;

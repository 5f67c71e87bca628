/**
 * The nightly payout: its job and steps, the payout rules as plain classes (withdrawal method,
 * deadline, fee, conservation, run scope, where to mark the paid rewards), their SQL, the
 * marking of the paid rewards (in the paying chunks or by ranges of reward ids) and its proof,
 * the bank file of a run and its reissue, the settings checked before a run starts, the
 * catch-up of an earlier unfinished night, what runs after each night ({@code AfterPayout}, which
 * the notices implement), and the state the alerts read (the latest completed night, the bank
 * files still in the outbox). May use bankfile, bankmaster, runs and settings.
 */
package jp.crowdpay.jobs.payout;

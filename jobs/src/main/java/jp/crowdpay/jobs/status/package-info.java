/**
 * The status report: the recent runs of every job, as each job's own history reports them,
 * the returns recorded against each payout run, the last closed month, and whether one runs
 * now. May use payout, returns, locks, notices, close, runs and settings.
 */
package jp.crowdpay.jobs.status;

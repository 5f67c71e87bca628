/**
 * The status report: the recent runs of every job, as each job's own history reports them,
 * and whether one runs now. May use payout, locks, runs and settings.
 */
package jp.crowdpay.jobs.status;

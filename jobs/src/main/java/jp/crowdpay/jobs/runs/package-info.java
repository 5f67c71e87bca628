/**
 * Run infrastructure shared by every job: one run at a time (advisory-lock lease), resources a
 * run shares for its whole length and another command replaces alone, recovery of executions a
 * dead process left, graceful stop, failure description, the run outcome type; the metrics a run ends with
 * (last success and failure, duration, the figures a feature sets), their push to a
 * Pushgateway, and log lines whose figures are fields. May use settings only; knows no job.
 */
package jp.crowdpay.jobs.runs;

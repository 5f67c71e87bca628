/**
 * Run infrastructure shared by every job: one run at a time (advisory-lock lease), resources a
 * run shares for its whole length and another command replaces alone, recovery of executions a
 * dead process left, graceful stop, failure description, the run outcome type; the metrics a run ends with
 * (last success, failure and refusal, duration, the figures a feature sets), their push to a
 * Pushgateway (also of an outcome met before the command ran), log lines whose figures are
 * fields, and the operator's report as log events under structured logging. May use settings
 * only; knows no job.
 */
package jp.crowdpay.jobs.runs;

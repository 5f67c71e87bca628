/**
 * The payout-jobs application: {@link jp.crowdpay.jobs.PayoutJobsApplication} starts Spring and
 * hands the command line to {@code cli}. Packages by feature below; dependencies run one way:
 * cli, then the features (payout, locks, status, bankfile, bankmaster, returns, schema, seed, bench), then runs,
 * then settings.
 */
package jp.crowdpay.jobs;

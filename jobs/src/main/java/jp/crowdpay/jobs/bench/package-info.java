/**
 * The benchmark: the real payout in a child JVM against set-based SQL on identical generated
 * ledgers. May use seed, payout and settings.
 */
package jp.crowdpay.jobs.bench;

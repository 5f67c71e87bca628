/**
 * Demo data: a deterministic synthetic ledger, loaded with COPY into an empty database.
 * May use payout (for its rules: withdrawal methods, deadline) and settings.
 */
package jp.crowdpay.jobs.seed;

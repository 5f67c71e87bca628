/**
 * The lock release: its job, the release rules ({@link jp.crowdpay.jobs.locks.LockDurationPolicy}),
 * its SQL and audit trail. May use runs and settings.
 */
package jp.crowdpay.jobs.locks;

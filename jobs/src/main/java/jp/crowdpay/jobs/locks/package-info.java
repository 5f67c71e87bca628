/**
 * The lock release: its job, the release rules ({@link jp.crowdpay.jobs.locks.LockDurationPolicy}),
 * its SQL and audit trail; and, by the same rules, who is locked out now and whether only support
 * can let them in ({@link jp.crowdpay.jobs.locks.WorkerLogins}). May use runs and settings.
 */
package jp.crowdpay.jobs.locks;

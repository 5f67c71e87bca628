/**
 * The paying step: its configuration in every shape ({@code PayingStepConfiguration}, which also
 * builds the marking step), the reader of the run's unpaid rewards per worker, one chunk's
 * decisions and records ({@code PayoutWriter}, {@code ChunkLedger}), the platform's rows a chunk
 * takes and the waits for them ({@code PlatformRows}, {@code LockWaitLog}), the workers set aside
 * and their later tries ({@code WorkersSetAside}, {@code LockedWorkersTasklet}), and the step's
 * progress. May use marking, partitioning, run, settings, rules, bankfile, bankmaster and runs.
 */
package jp.crowdpay.jobs.payout.paying;

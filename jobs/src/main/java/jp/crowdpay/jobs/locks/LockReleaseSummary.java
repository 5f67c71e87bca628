package jp.crowdpay.jobs.locks;

import java.time.Instant;

/** The stored outcome of one run (a row of lock_release_run). */
record LockReleaseSummary(long runId, Instant asOf, boolean dryRun, String status, String stopReason,
                          int scanned, int stale, int released, int notYetStale, int needsSupport,
                          int staffLocksLeftAlone, int changedWhileRunning, int cannotJudge) {

    String line() {
        return LockReleaseJobParameters.JOB_NAME + " summary: run=" + runId + " as_of=" + asOf + " dry_run=" + dryRun
                + " status=" + status + " scanned=" + scanned + " stale=" + stale + " released=" + released
                + " not_yet_stale=" + notYetStale + " needs_support=" + needsSupport
                + " staff_locks_left_alone=" + staffLocksLeftAlone + " changed_while_running=" + changedWhileRunning
                + " cannot_judge=" + cannotJudge;
    }
}

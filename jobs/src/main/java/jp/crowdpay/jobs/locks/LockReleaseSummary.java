package jp.crowdpay.jobs.locks;

import java.time.Instant;

/** The stored outcome of one run (a row of lock_release_run). */
record LockReleaseSummary(long runId, Instant asOf, boolean dryRun, String status, String stopReason,
                          int scanned, int stale, int released, int notYetStale, int needsSupport,
                          int staffLocksLeftAlone, int changedWhileRunning) {

    String line() {
        return "lockReleaseJob summary: run=" + runId + " as-of=" + asOf + " dry-run=" + dryRun
                + " status=" + status + " scanned=" + scanned + " stale=" + stale + " released=" + released
                + " not-yet-stale=" + notYetStale + " needs-support=" + needsSupport
                + " staff-locks-left-alone=" + staffLocksLeftAlone + " changed-while-running=" + changedWhileRunning;
    }
}

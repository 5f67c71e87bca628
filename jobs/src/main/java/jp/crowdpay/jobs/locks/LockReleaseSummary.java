package jp.crowdpay.jobs.locks;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.crowdpay.jobs.runs.FieldLine;

/** The stored outcome of one run (a row of lock_release_run). */
record LockReleaseSummary(long runId, Instant asOf, boolean dryRun, String status, String stopReason,
                          int scanned, int stale, int released, int notYetStale, int needsSupport,
                          int staffLocksLeftAlone, int changedWhileRunning, int cannotJudge) {

    static final String SUBJECT = LockReleaseJobParameters.JOB_NAME + " summary:";

    /** Locks the run looked at and left locked, those for support included. */
    int kept() {
        return scanned - released;
    }

    Map<String, Object> fields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run", runId);
        fields.put("as_of", asOf.toString());
        fields.put("dry_run", dryRun);
        fields.put("status", status);
        fields.put("scanned", scanned);
        fields.put("stale", stale);
        fields.put("released", released);
        fields.put("not_yet_stale", notYetStale);
        fields.put("needs_support", needsSupport);
        fields.put("staff_locks_left_alone", staffLocksLeftAlone);
        fields.put("changed_while_running", changedWhileRunning);
        fields.put("cannot_judge", cannotJudge);
        return fields;
    }

    String line() {
        return FieldLine.text(SUBJECT, fields());
    }
}

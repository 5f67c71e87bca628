package jp.crowdpay.jobs.locks;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.locks.LockDurationPolicy.Decision;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of the lock-release job, apart from the reader queries that live with their readers. */
@Repository
class LockReleaseStore {

    private final JdbcTemplate jdbc;

    LockReleaseStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the run's row; a restarted run finds it already there. */
    void openRun(long runId, Instant asOf, boolean dryRun) {
        jdbc.update("insert into lock_release_run (id, as_of, dry_run) values (?, ?, ?) on conflict (id) do nothing",
                runId, timestamp(asOf), dryRun);
    }

    void savePlan(long runId, List<? extends PlannedLock> plan) {
        if (plan.isEmpty()) {
            return;
        }
        // on conflict: a restarted step may read again a lock it already planned
        jdbc.batchUpdate("insert into lock_release_plan (run_id, account_id, locked_at, lock_reason,"
                        + " earlier_automatic_locks, decision, stale_at, problem) values (?, ?, ?, ?, ?, ?, ?, ?)"
                        + " on conflict (run_id, account_id) do nothing",
                plan, plan.size(), (statement, lock) -> {
                    statement.setLong(1, runId);
                    statement.setLong(2, lock.accountId());
                    statement.setObject(3, timestamp(lock.lockedAt()));
                    statement.setString(4, lock.lockReason());
                    statement.setInt(5, lock.earlierAutomaticLocks());
                    statement.setString(6, lock.decision().name());
                    statement.setObject(7, lock.staleAt() == null ? null : timestamp(lock.staleAt()));
                    statement.setString(8, lock.problem());
                });
    }

    int countPlanned(long runId, Decision decision) {
        Integer count = jdbc.queryForObject("select count(*) from lock_release_plan where run_id = ? and decision = ?",
                Integer.class, runId, decision.name());
        return count == null ? 0 : count;
    }

    /**
     * Releases the locks that are still exactly as planned, in the caller's transaction, and
     * returns how many were; a lock that changed since it was read keeps its new state.
     */
    int release(long runId, List<? extends PlannedLock> locks) {
        if (locks.isEmpty()) {
            return 0;
        }
        int[] updated = jdbc.batchUpdate("update login_account set locked_at = null, lock_reason = null, failed_attempts = 0"
                        + " where id = ? and locked_at = ? and lock_reason = ?",
                locks, locks.size(), (statement, lock) -> {
                    statement.setLong(1, lock.accountId());
                    statement.setObject(2, timestamp(lock.lockedAt()));
                    statement.setString(3, lock.lockReason());
                })[0];
        List<PlannedLock> released = new ArrayList<>();
        List<PlannedLock> changed = new ArrayList<>();
        for (int i = 0; i < updated.length; i++) {
            (updated[i] == 1 ? released : changed).add(locks.get(i));
        }
        insertEvents(runId, released);
        recordOutcome(runId, released, "RELEASED");
        recordOutcome(runId, changed, "CHANGED_WHILE_RUNNING");
        return released.size();
    }

    private void insertEvents(long runId, List<PlannedLock> released) {
        if (released.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("insert into lock_release_event (run_id, account_id, lock_reason, locked_at) values (?, ?, ?, ?)",
                released, released.size(), (statement, lock) -> {
                    statement.setLong(1, runId);
                    statement.setLong(2, lock.accountId());
                    statement.setString(3, lock.lockReason());
                    statement.setObject(4, timestamp(lock.lockedAt()));
                });
    }

    private void recordOutcome(long runId, List<PlannedLock> locks, String outcome) {
        if (locks.isEmpty()) {
            return;
        }
        jdbc.batchUpdate("update lock_release_plan set outcome = ? where run_id = ? and account_id = ?",
                locks, locks.size(), (statement, lock) -> {
                    statement.setString(1, outcome);
                    statement.setLong(2, runId);
                    statement.setLong(3, lock.accountId());
                });
    }

    /** Stores the run's counts, taken from its plan so that a restarted run counts every lock once. */
    void closeRun(long runId, String status, String stopReason) {
        jdbc.update("""
                update lock_release_run r set finished_at = now(), status = ?, stop_reason = ?,
                    scanned = p.scanned, stale = p.stale, released = p.released, not_yet_stale = p.not_yet_stale,
                    needs_support = p.needs_support, staff_locks_left = p.staff_locks_left,
                    changed_while_running = p.changed_while_running, cannot_judge = p.cannot_judge
                from (select count(*) as scanned,
                             count(*) filter (where decision = 'RELEASE') as stale,
                             count(*) filter (where outcome = 'RELEASED') as released,
                             count(*) filter (where decision = 'NOT_YET_STALE') as not_yet_stale,
                             count(*) filter (where decision = 'NEEDS_SUPPORT') as needs_support,
                             count(*) filter (where decision = 'STAFF_LOCK') as staff_locks_left,
                             count(*) filter (where outcome = 'CHANGED_WHILE_RUNNING') as changed_while_running,
                             count(*) filter (where decision = 'CANNOT_JUDGE') as cannot_judge
                      from lock_release_plan where run_id = ?) p
                where r.id = ?""", status, stopReason, runId, runId);
    }

    Optional<LockReleaseSummary> summary(long runId) {
        return jdbc.query("select * from lock_release_run where id = ?", (rs, row) -> new LockReleaseSummary(
                rs.getLong("id"), instant(rs, "as_of"), rs.getBoolean("dry_run"), rs.getString("status"),
                rs.getString("stop_reason"), rs.getInt("scanned"), rs.getInt("stale"), rs.getInt("released"),
                rs.getInt("not_yet_stale"), rs.getInt("needs_support"), rs.getInt("staff_locks_left"),
                rs.getInt("changed_while_running"), rs.getInt("cannot_judge")), runId).stream().findFirst();
    }

    List<PlannedLock> planned(long runId, Decision decision) {
        return jdbc.query("select * from lock_release_plan where run_id = ? and decision = ? order by account_id",
                (rs, row) -> plannedLock(rs), runId, decision.name());
    }

    static PlannedLock plannedLock(ResultSet rs) throws SQLException {
        return new PlannedLock(rs.getLong("account_id"), instant(rs, "locked_at"), rs.getString("lock_reason"),
                rs.getInt("earlier_automatic_locks"), Decision.valueOf(rs.getString("decision")), instant(rs, "stale_at"));
    }

    static LockedAccount lockedAccount(ResultSet rs) throws SQLException {
        Array earlier = rs.getArray("earlier_automatic_locks");
        List<Instant> earlierLocks = Arrays.stream((Timestamp[]) earlier.getArray()).map(Timestamp::toInstant).toList();
        earlier.free();
        return new LockedAccount(rs.getLong("id"), instant(rs, "locked_at"), rs.getString("lock_reason"), earlierLocks);
    }

    /**
     * timestamptz as an instant, read as an offset date-time so that the JVM's zone plays no part.
     * The driver reads infinity and -infinity as the largest and smallest offset date-times: they
     * become {@link Instant#MAX} and {@link Instant#MIN}, which {@link #timestamp} writes back as
     * infinity and -infinity.
     */
    static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        if (value == null) {
            return null;
        }
        return value.equals(OffsetDateTime.MAX) ? Instant.MAX : value.equals(OffsetDateTime.MIN) ? Instant.MIN : value.toInstant();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return instant.equals(Instant.MAX) ? OffsetDateTime.MAX
                : instant.equals(Instant.MIN) ? OffsetDateTime.MIN : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}

package jp.crowdpay.jobs.locks;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.runs.RepositoryTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The recent lock-release runs with their counts: what {@code status} shows. */
@Repository
public class LockReleaseHistory {

    private static final String RECENT_RUNS = """
            select distinct on (r.id) r.id, r.as_of, r.dry_run, e.job_execution_id, e.status, e.start_time, e.end_time,
                   r.scanned, r.released, r.not_yet_stale, r.needs_support, r.staff_locks_left, r.changed_while_running
            from lock_release_run r
            join batch_job_execution e on e.job_instance_id = r.id
            where cast(? as date) is null or (r.as_of at time zone ?)::date = ?
            order by r.id desc, e.job_execution_id desc
            limit ?""";

    private final JdbcTemplate jdbc;

    public LockReleaseHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry per run, newest first; {@code onlyDate} is a day in {@code zone}. */
    public List<Entry> recent(LocalDate onlyDate, ZoneId zone, int limit) {
        return jdbc.query(RECENT_RUNS, LockReleaseHistory::entry, onlyDate, zone.getId(), onlyDate, limit);
    }

    /** When the newest completed lock release that was not a dry run ended; empty when none has completed. */
    public Optional<Instant> lastCompleted() {
        return Optional.ofNullable(RepositoryTime.instant(jdbc.queryForObject("""
                select max(e.end_time) from lock_release_run r
                join batch_job_execution e on e.job_instance_id = r.id
                where e.status = 'COMPLETED' and not r.dry_run""", LocalDateTime.class)));
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(LockReleaseStore.instant(rs, "as_of"), rs.getBoolean("dry_run"), rs.getString("status"),
                rs.getLong("job_execution_id"), RepositoryTime.instant(rs.getObject("start_time", LocalDateTime.class)),
                RepositoryTime.instant(rs.getObject("end_time", LocalDateTime.class)), rs.getLong("scanned"), rs.getLong("released"),
                rs.getLong("not_yet_stale"), rs.getLong("needs_support"), rs.getLong("staff_locks_left"),
                rs.getLong("changed_while_running"));
    }

    public record Entry(Instant asOf, boolean dryRun, String status, long execution, Instant started,
                        Instant ended, long scanned, long released, long notYetStale, long needsSupport,
                        long staffLocksLeft, long changedWhileRunning) {
    }
}

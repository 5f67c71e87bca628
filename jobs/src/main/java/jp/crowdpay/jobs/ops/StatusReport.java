package jp.crowdpay.jobs.ops;

import java.io.PrintStream;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import jp.crowdpay.jobs.payout.PayoutProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** What operators read first when something looks wrong: the recent runs, and who runs now. */
@Component
public class StatusReport {

    private static final String PAYOUT_RUNS = """
            with latest as (
                select distinct on (e.job_instance_id)
                       e.job_instance_id, e.job_execution_id, e.status, e.start_time, e.end_time,
                       p.parameter_value::date as business_date,
                       count(*) over (partition by e.job_instance_id) as attempts
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = 'nightlyPayoutJob'
                join batch_job_execution_params p
                  on p.job_execution_id = e.job_execution_id and p.parameter_name = 'businessDate'
                order by e.job_instance_id, e.job_execution_id desc)
            select l.*,
                   (select coalesce(sum(t.workers), 0) from payout_run_tally t where t.run_id = r.id) as workers,
                   (select count(*) from payout x where x.run_id = r.id) as payouts,
                   (select coalesce(sum(x.amount_yen), 0) from payout x where x.run_id = r.id) as transferred_yen,
                   coalesce(r.expired_yen, 0) as expired_yen, r.bank_file
            from latest l left join payout_run r on r.business_date = l.business_date
            where cast(? as date) is null or l.business_date = ?
            order by l.business_date desc, l.job_execution_id desc
            limit ?""";

    private static final String LOCK_RELEASE_RUNS = """
            select distinct on (r.id) r.id, r.as_of, r.dry_run, e.job_execution_id, e.status, e.start_time, e.end_time,
                   r.scanned, r.released, r.not_yet_stale, r.needs_support, r.staff_locks_left, r.changed_while_running
            from lock_release_run r
            join batch_job_execution e on e.job_instance_id = r.id
            where cast(? as date) is null or (r.as_of at time zone ?)::date = ?
            order by r.id desc, e.job_execution_id desc
            limit ?""";

    private final JdbcTemplate jdbc;
    private final SingleRunGuard guard;
    private final PayoutProperties settings;

    public StatusReport(JdbcTemplate jdbc, SingleRunGuard guard, PayoutProperties settings) {
        this.jdbc = jdbc;
        this.guard = guard;
        this.settings = settings;
    }

    public void print(LocalDate date, int last, PrintStream out) {
        out.println("nightlyPayoutJob" + inProgress("nightlyPayoutJob"));
        out.println(String.format("  %-10s  %-9s  %9s  %8s  %-19s  %8s  %9s  %9s  %15s  %12s  %s",
                "date", "state", "execution", "attempts", "started", "duration", "workers", "payouts",
                "transferred_yen", "expired_yen", "file"));
        List<String> payouts = jdbc.query(PAYOUT_RUNS, (rs, row) -> String.format(
                        "  %-10s  %-9s  %9d  %8d  %-19s  %8s  %,9d  %,9d  %,15d  %,12d  %s",
                        rs.getObject("business_date", LocalDate.class), rs.getString("status"),
                        rs.getLong("job_execution_id"), rs.getLong("attempts"), started(rs), duration(rs),
                        rs.getLong("workers"), rs.getLong("payouts"), rs.getLong("transferred_yen"),
                        rs.getLong("expired_yen"), rs.getString("bank_file") == null ? "-" : rs.getString("bank_file")),
                date, date, last);
        printRows(payouts, out, "nightlyPayoutJob");
        out.println();
        out.println("lockReleaseJob" + inProgress("lockReleaseJob"));
        out.println(String.format("  %-27s  %-9s  %9s  %-19s  %8s  %7s  %8s  %13s  %13s  %10s  %7s",
                "as of", "state", "execution", "started", "duration", "scanned", "released", "not_yet_stale",
                "needs_support", "staff_left", "changed"));
        List<String> releases = jdbc.query(LOCK_RELEASE_RUNS, (rs, row) -> String.format(
                        "  %-27s  %-9s  %9d  %-19s  %8s  %7d  %8d  %13d  %13d  %10d  %7d",
                        rs.getTimestamp("as_of").toInstant() + (rs.getBoolean("dry_run") ? " dry" : ""),
                        rs.getString("status"), rs.getLong("job_execution_id"), started(rs), duration(rs),
                        rs.getLong("scanned"), rs.getLong("released"), rs.getLong("not_yet_stale"),
                        rs.getLong("needs_support"), rs.getLong("staff_locks_left"), rs.getLong("changed_while_running")),
                date, settings.zone().getId(), date, last);
        printRows(releases, out, "lockReleaseJob");
    }

    private String inProgress(String jobName) {
        return guard.isHeld(jobName) ? "  (a run is in progress now)" : "";
    }

    private void printRows(List<String> rows, PrintStream out, String jobName) {
        if (rows.isEmpty()) {
            out.println("  (no runs)");
        }
        rows.forEach(out::println);
        boolean looksRunning = rows.stream().anyMatch(row -> row.contains(" STARTED ") || row.contains(" STOPPING "));
        if (looksRunning && !guard.isHeld(jobName)) {
            out.println("  note: no process runs " + jobName + " now, so a STARTED run above was left by a process that died;"
                    + " running the same command again recovers and continues it.");
        }
    }

    private static String started(ResultSet rs) throws SQLException {
        Timestamp start = rs.getTimestamp("start_time");
        return start == null ? "-" : start.toLocalDateTime().withNano(0).toString().replace('T', ' ');
    }

    private static String duration(ResultSet rs) throws SQLException {
        Timestamp start = rs.getTimestamp("start_time");
        Timestamp end = rs.getTimestamp("end_time");
        if (start == null || end == null) {
            return "-";
        }
        Duration took = Duration.between(start.toInstant(), end.toInstant());
        return String.format("%02d:%02d:%02d", took.toHours(), took.toMinutesPart(), took.toSecondsPart());
    }
}

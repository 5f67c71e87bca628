package jp.crowdpay.jobs.payout.paying;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL of the workers a run set aside because another transaction held their rows
 * ({@code payout_locked_worker}): recorded by the try that met the rows held, in its transaction,
 * and deleted by the try that decides the worker, in its own. The times are the database's, so
 * that the pause between tries holds whichever process made them.
 */
@Repository
class WorkersSetAside {

    /**
     * The next workers to try: those with the fewest tries so far, {@code waiting} of them, of which
     * {@code due} (in worker-id order, at most a chunk) waited the pause since their last try; the
     * first of the others is due in {@code untilDue}.
     */
    record Next(int triesSoFar, long waiting, List<Long> due, Duration untilDue) {
    }

    private final JdbcTemplate jdbc;

    WorkersSetAside(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Records that the workers' rows were held at try {@code tries}: the next try comes after the pause from now. */
    void setAside(PayoutRun run, Map<Long, PlatformRows.Held> held, int tries) {
        List<Map.Entry<Long, PlatformRows.Held>> rows = new ArrayList<>(held.entrySet());
        jdbc.batchUpdate("""
                insert into payout_locked_worker (run_id, worker_id, tries, locked_table, held_by)
                values (?, ?, ?, ?, ?)
                on conflict (run_id, worker_id) do update
                set tries = excluded.tries, tried_at = clock_timestamp(), locked_table = excluded.locked_table,
                    held_by = excluded.held_by""",
                rows, rows.size(), (statement, row) -> {
                    statement.setLong(1, run.id());
                    statement.setLong(2, row.getKey());
                    statement.setInt(3, tries);
                    statement.setString(4, row.getValue().table());
                    statement.setString(5, row.getValue().holder());
                });
    }

    /** The workers are decided: paid, or carried forward for a reason. */
    void decided(PayoutRun run, Long[] workerIds) {
        jdbc.update("delete from payout_locked_worker where run_id = ? and worker_id = any(?)", run.id(), workerIds);
    }

    /** The workers to try next, if any wait. */
    Optional<Next> next(PayoutRun run, Duration pause, int atMost) {
        long pauseMillis = pause.toMillis();
        return jdbc.query("""
                select tries, count(*) as waiting,
                       greatest(0, ceil(extract(epoch from min(tried_at) + ? * interval '1 millisecond' - clock_timestamp()) * 1000))::bigint
                           as millis_until_due
                from payout_locked_worker where run_id = ?
                group by tries order by tries limit 1""",
                (rs, row) -> new Next(rs.getInt("tries"), rs.getLong("waiting"), List.of(),
                        Duration.ofMillis(rs.getLong("millis_until_due"))),
                pauseMillis, run.id()).stream().findFirst()
                .map(next -> new Next(next.triesSoFar(), next.waiting(), jdbc.queryForList("""
                        select worker_id from payout_locked_worker
                        where run_id = ? and tries = ? and tried_at + ? * interval '1 millisecond' <= clock_timestamp()
                        order by worker_id limit ?""", Long.class, run.id(), next.triesSoFar(), pauseMillis, atMost),
                        next.untilDue()));
    }
}

package jp.crowdpay.jobs.payout.paying;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * While the night waits for a row that another transaction holds, says what it waits for: the
 * table and the workers, how long so far, and the holder as the server sees it from another
 * connection ({@code pg_blocking_pids}, {@code pg_stat_activity}): its pid and application name,
 * and, where the job's role may see them, its state and how long its transaction has been open.
 * A line after a second of waiting, then one every 10 s. The holder is first looked up after
 * 200 ms, so that a worker set aside after a short wait is recorded with it.
 */
@Component
public class LockWaitLog implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(LockWaitLog.class);
    private static final Duration FIRST_LOOK = Duration.ofMillis(200);
    private static final Duration FIRST_LINE = Duration.ofSeconds(1);
    private static final Duration EVERY = Duration.ofSeconds(10);
    private static final String HOLDERS = """
            select b.pid, b.application_name, b.state, extract(epoch from now() - b.xact_start)::bigint as open_seconds
            from unnest(pg_blocking_pids(?)) as blocker(pid)
            join pg_stat_activity b on b.pid = blocker.pid
            order by b.pid""";

    private final DataSource dataSource;
    private ScheduledExecutorService looks;

    LockWaitLog(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * A wait that starts now, until closed.
     *
     * @param step       the step that waits, as its log lines name it
     * @param table      the table of the row
     * @param rows       which workers, for the line ("worker 12 in the chunk of workers 1 to 1000")
     * @param backendPid the server process of the waiting connection
     * @param givesUpIn  how long the wait may last at most
     */
    public Wait begin(String step, String table, String rows, int backendPid, Duration givesUpIn) {
        Wait wait = new Wait(step, table, rows, backendPid, givesUpIn);
        ScheduledExecutorService scheduler = scheduler();
        wait.scheduled.add(scheduler.schedule(() -> wait.look(false), FIRST_LOOK.toMillis(), TimeUnit.MILLISECONDS));
        wait.scheduled.add(scheduler.scheduleWithFixedDelay(() -> wait.look(true), FIRST_LINE.toMillis(), EVERY.toMillis(),
                TimeUnit.MILLISECONDS));
        return wait;
    }

    /** One thread for every wait of the process, started by the first: most commands never wait. */
    private synchronized ScheduledExecutorService scheduler() {
        if (looks == null) {
            looks = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "lock-wait-log");
                thread.setDaemon(true);
                return thread;
            });
        }
        return looks;
    }

    @Override
    public synchronized void destroy() {
        if (looks != null) {
            looks.shutdownNow();
        }
    }

    /** One wait; closing it ends its lines. */
    public final class Wait implements AutoCloseable {

        private final String step;
        private final String table;
        private final String rows;
        private final int backendPid;
        private final Duration givesUpIn;
        private final long started = System.nanoTime();
        private final List<ScheduledFuture<?>> scheduled = new ArrayList<>();
        private volatile boolean over;
        private volatile String holder;

        private Wait(String step, String table, String rows, int backendPid, Duration givesUpIn) {
            this.step = step;
            this.table = table;
            this.rows = rows;
            this.backendPid = backendPid;
            this.givesUpIn = givesUpIn;
        }

        /** Who held the row when last looked at ("pid 4711 'platform-web'"), or null when not known. */
        public String holder() {
            return holder;
        }

        private void look(boolean writeLine) {
            if (over) {
                return;
            }
            List<String> holders = new ArrayList<>();
            List<String> details = new ArrayList<>();
            try (Connection connection = dataSource.getConnection();
                 PreparedStatement statement = connection.prepareStatement(HOLDERS)) {
                statement.setInt(1, backendPid);
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        String who = "pid " + rs.getInt("pid") + " '" + rs.getString("application_name") + "'";
                        holders.add(who);
                        String state = rs.getString("state");
                        long open = rs.getLong("open_seconds");
                        details.add(state == null || rs.wasNull() ? who
                                : who + " (" + state + ", its transaction open " + open + " s)");
                    }
                }
            } catch (SQLException | RuntimeException unreadable) {
                // the line still says what the night waits for; the holder stays as last seen
                details.add("a holder that could not be read (" + unreadable.getMessage() + ")");
            }
            if (!holders.isEmpty()) {
                holder = String.join(", ", holders);
            }
            if (writeLine && !over) {
                long waited = Duration.ofNanos(System.nanoTime() - started).toSeconds();
                log.info("{}: waiting {} s for a row of {} ({}) held by {}; gives up after {} s", step, waited, table, rows,
                        details.isEmpty() ? "another transaction" : String.join(", ", details),
                        (givesUpIn.toMillis() + 999) / 1000);
            }
        }

        @Override
        public void close() {
            over = true;
            scheduled.forEach(future -> future.cancel(false));
        }
    }
}

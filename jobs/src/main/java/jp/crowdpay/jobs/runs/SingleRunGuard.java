package jp.crowdpay.jobs.runs;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.stereotype.Component;

/**
 * One run at a time per job, across machines: the run holds a PostgreSQL advisory lock named
 * after its job on a connection of its own. The database releases the lock when that
 * connection ends, so a killed process never leaves the job locked.
 */
@Component
public class SingleRunGuard {

    /** First half of every advisory-lock key of this suite, so that other applications' keys cannot collide. */
    static final int KEY_SPACE = 0x50594A42;

    private final DataSource dataSource;
    private final JobRepository jobRepository;
    /** The leases this process holds, by job: what {@link #chunkCheck} verifies. */
    private final Map<String, RunLease> held = new ConcurrentHashMap<>();

    public SingleRunGuard(DataSource dataSource, JobRepository jobRepository) {
        this.dataSource = dataSource;
        this.jobRepository = jobRepository;
    }

    public RunLease acquire(String jobName) {
        try {
            Connection connection = dataSource.getConnection();
            String poolName = "";
            try {
                poolName = applicationName(connection);
                connection.setAutoCommit(true);
                // shown in pg_stat_activity, which is how a second launch learns who holds the lock
                setApplicationName(connection, "payout-jobs " + jobName + " on " + host() + " pid " + ProcessHandle.current().pid());
                if (tryLock(connection, jobName)) {
                    RunLease lease = new RunLease(connection, KEY_SPACE, jobName, poolName, () -> held.remove(jobName));
                    held.put(jobName, lease);
                    return lease;
                }
                String holder = holder(connection, jobName);
                throw new AnotherRunInProgressException(jobName, describeRunning(jobName) + holder);
            } catch (SQLException | RuntimeException e) {
                giveBack(connection, poolName);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the run lock of " + jobName + ": " + e.getMessage(), e);
        }
    }

    /** Back to the pool without the lease's name: an idle connection must not look like a run holding the lock. */
    private static void giveBack(Connection connection, String poolName) throws SQLException {
        try (connection) {
            if (!connection.isClosed()) {
                setApplicationName(connection, poolName);
            }
        }
    }

    /**
     * Checks before every chunk that this process still holds the job's lease, if it holds one
     * (a remote-partitioning worker runs chunks of a run whose lease its manager holds).
     */
    public ChunkListener<Object, Object> chunkCheck(String jobName) {
        return new ChunkListener<>() {
            @Override
            public void beforeChunk(Chunk<Object> chunk) {
                verifyHeld(jobName);
            }
        };
    }

    /** Fails if this process holds the job's lease no more (a step that is no chunk step calls it itself). */
    public void verifyHeld(String jobName) {
        RunLease lease = held.get(jobName);
        if (lease != null) {
            lease.verifyHeld();
        }
    }

    /** Whether some process holds the job's lease right now. */
    public boolean isHeld(String jobName) {
        try (Connection connection = dataSource.getConnection()) {
            return !holder(connection, jobName).isEmpty();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the run locks: " + e.getMessage(), e);
        }
    }

    private static boolean tryLock(Connection connection, String jobName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select pg_try_advisory_lock(?, hashtext(?))")) {
            statement.setInt(1, KEY_SPACE);
            statement.setString(2, jobName);
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** Who holds the lock named {@code jobName} (a job's, or a shared resource's), or "" when nobody does. */
    static String holder(Connection connection, String jobName) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("""
                select a.application_name, a.backend_start from pg_locks l join pg_stat_activity a on a.pid = l.pid
                where l.locktype = 'advisory' and l.granted and l.classid = (?::int4)::oid and l.objid = hashtext(?)::oid
                  and l.database = (select oid from pg_database where datname = current_database())""")) {
            statement.setInt(1, KEY_SPACE);
            statement.setString(2, jobName);
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return "";
                }
                // the server shows another role's session start only to a role allowed to read all statistics
                OffsetDateTime since = rs.getObject(2, OffsetDateTime.class);
                return " (lock held by " + rs.getString(1) + (since == null ? "" : " since " + since.toInstant()) + ")";
            }
        }
    }

    private String describeRunning(String jobName) {
        return jobRepository.findRunningJobExecutions(jobName).stream()
                .max(Comparator.comparing(JobExecution::getId))
                .map(execution -> "execution " + execution.getId() + " (" + execution.getJobParameters().getIdentifyingParameters()
                        .stream().map(parameter -> parameter.name() + "=" + parameter.value()).sorted()
                        .collect(Collectors.joining(", "))
                        + "), running since " + RepositoryTime.instant(execution.getStartTime()))
                .orElse("a run that has not recorded its execution yet");
    }

    static void setApplicationName(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select set_config('application_name', ?, false)")) {
            statement.setString(1, name.length() > 63 ? name.substring(0, 63) : name);
            statement.execute();
        }
    }

    /**
     * The name the pool gave the connection, to give it back under (RESET would not do: the
     * driver may set the name after connecting, which makes the server's default the reset value).
     */
    static String applicationName(Connection connection) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("select current_setting('application_name')");
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}

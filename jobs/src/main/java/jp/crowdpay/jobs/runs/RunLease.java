package jp.crowdpay.jobs.runs;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

/** The right to run a job, held until closed (or until the process dies and its connection with it). */
public final class RunLease implements AutoCloseable {

    private final Connection connection;
    private final int keySpace;
    private final String jobName;
    /** The name the connection goes back to the pool under. */
    private final String poolName;
    private final Runnable onClose;

    RunLease(Connection connection, int keySpace, String jobName, String poolName, Runnable onClose) {
        this.connection = connection;
        this.keySpace = keySpace;
        this.jobName = jobName;
        this.poolName = poolName;
        this.onClose = onClose;
    }

    /**
     * Fails if the lock is gone: its connection ended (a network cut, the server ended the
     * session) while the run went on. Another launch could take the lock then, so the run must
     * stop before its next chunk instead of overlapping with it.
     */
    synchronized void verifyHeld() {
        try (PreparedStatement statement = connection.prepareStatement("""
                select count(*) from pg_locks where pid = pg_backend_pid() and locktype = 'advisory' and granted
                and classid = (?::int4)::oid and objid = hashtext(?)::oid""")) {
            statement.setInt(1, keySpace);
            statement.setString(2, jobName);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next() && rs.getLong(1) == 1) {
                    return;
                }
            }
        } catch (SQLException lost) {
            throw new LeaseLostException(jobName, lost.getMessage());
        }
        throw new LeaseLostException(jobName, "the advisory lock is no longer held");
    }

    /**
     * Shares {@code resource} with other runs until the lease ends ({@link SharedResources}): waits
     * while a command that replaces the resource holds it alone, telling {@code waiting} whom it
     * waits for. Such a command holds it for one transaction and never waits itself.
     */
    synchronized void share(String resource, Consumer<String> waiting) {
        try {
            try (PreparedStatement tryShare = connection.prepareStatement("select pg_try_advisory_lock_shared(?, hashtext(?))")) {
                tryShare.setInt(1, keySpace);
                tryShare.setString(2, resource);
                try (ResultSet rs = tryShare.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        return;
                    }
                }
            }
            waiting.accept(resource + " is being replaced" + SingleRunGuard.holder(connection, resource));
            try (PreparedStatement share = connection.prepareStatement("select pg_advisory_lock_shared(?, hashtext(?))")) {
                share.setInt(1, keySpace);
                share.setString(2, resource);
                share.execute();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot share " + resource + " with the run of " + jobName + ": " + e.getMessage(), e);
        }
    }

    @Override
    public synchronized void close() {
        onClose.run();
        try (connection) {
            // the run's lock and whatever the run shared
            try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock_all()")) {
                statement.execute();
            }
            SingleRunGuard.setApplicationName(connection, poolName);
        } catch (SQLException e) {
            // the lock dies with the session anyway; a failed unlock must not hide the run's own outcome
        }
    }

    /** The run lost its lock on the database while it ran. */
    static class LeaseLostException extends IllegalStateException {
        LeaseLostException(String jobName, String why) {
            super("the run of " + jobName + " lost its run lock (" + why + "); it stops so that no other run can overlap it");
        }
    }
}

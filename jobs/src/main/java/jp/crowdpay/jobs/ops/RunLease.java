package jp.crowdpay.jobs.ops;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The right to run a job, held until closed (or until the process dies and its connection with it). */
public final class RunLease implements AutoCloseable {

    private final Connection connection;
    private final int keySpace;
    private final String jobName;

    RunLease(Connection connection, int keySpace, String jobName) {
        this.connection = connection;
        this.keySpace = keySpace;
        this.jobName = jobName;
    }

    @Override
    public void close() {
        try (connection) {
            try (PreparedStatement statement = connection.prepareStatement("select pg_advisory_unlock(?, hashtext(?))")) {
                statement.setInt(1, keySpace);
                statement.setString(2, jobName);
                statement.execute();
            }
            SingleRunGuard.setApplicationName(connection, "");
        } catch (SQLException e) {
            // the lock dies with the session anyway; a failed unlock must not hide the run's own outcome
        }
    }
}

package jp.crowdpay.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * A connection of the live platform's, named as the platform names its own: it writes ledger rows
 * in a transaction that stays open until the test commits or rolls it back, holding their row
 * locks meanwhile, as a slow request of the platform would.
 */
public final class PlatformSession implements AutoCloseable {

    /** The application name the platform's connections show in pg_stat_activity. */
    public static final String APPLICATION_NAME = "platform-test";

    private final Connection connection;
    private final int pid;

    public PlatformSession() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", TestDatabase.username());
        properties.setProperty("ApplicationName", APPLICATION_NAME);
        connection = DriverManager.getConnection(TestDatabase.url(), properties);
        try (Statement statement = connection.createStatement(); var rs = statement.executeQuery("select pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        connection.setAutoCommit(false);
    }

    /** The server process of this session, as pg_stat_activity and pg_blocking_pids name it. */
    public int pid() {
        return pid;
    }

    /** Runs a statement in the open transaction: the rows it writes or locks stay locked until {@link #commit} or {@link #rollback}. */
    public PlatformSession execute(String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
        return this;
    }

    public void commit() throws SQLException {
        connection.commit();
    }

    public void rollback() throws SQLException {
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            connection.rollback();
        }
    }
}

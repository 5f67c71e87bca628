package jp.crowdpay.jobs.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.regex.Pattern;
import jp.crowdpay.jobs.schema.SchemaMigration;

/**
 * The throw-away databases of a benchmark, on the server of the configured data source. Their
 * names derive from a prefix of the benchmark's own, so a benchmark never touches a database it
 * did not create, and two benchmarks with different prefixes (two checkouts, a test and a run by
 * hand) never touch each other's.
 */
public final class BenchDatabases {

    public static final String DEFAULT_PREFIX = "payout_bench";
    /** A plain lower-case identifier: the names go into DDL unquoted, and the longest suffix must fit in 63 bytes. */
    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,49}");

    /** The job's database and the two yardsticks' copies of it. */
    public record Names(String job, String naiveYardstick, String tunedYardstick) {

        /** @throws IllegalArgumentException if the prefix is not a plain lower-case identifier of at most 50 characters */
        public static Names of(String prefix) {
            if (!PREFIX.matcher(prefix).matches()) {
                throw new IllegalArgumentException("the database prefix must be lower-case letters, digits and _,"
                        + " starting with a letter or _, at most 50 characters: " + prefix);
            }
            return new Names(prefix + "_job", prefix + "_sql", prefix + "_sql_tuned");
        }
    }

    private final String server;
    private final String username;
    private final String password;

    BenchDatabases(String configuredUrl, String username, String password) {
        int query = configuredUrl.indexOf('?');
        String withoutQuery = query < 0 ? configuredUrl : configuredUrl.substring(0, query);
        this.server = withoutQuery.substring(0, withoutQuery.lastIndexOf('/') + 1);
        this.username = username;
        this.password = password;
    }

    /** The URL the benchmark's job process is given: it names its connections after its own command. */
    String url(String database) {
        return server + database;
    }

    /** The URL of this process's own connections, named in pg_stat_activity as the benchmark's. */
    String connectionUrl(String database) {
        return url(database) + "?ApplicationName=payout-jobs%20benchmark";
    }

    String username() {
        return username;
    }

    String password() {
        return password;
    }

    /**
     * Drops and creates the job's database, migrated to the current schema: the benchmark's own
     * databases are the one place the program migrates other than the migrate command.
     */
    void createFresh(String database) throws SQLException {
        drop(database);
        admin("create database " + database);
        SchemaMigration.of(connectionUrl(database), username, password).migrate();
    }

    /** An identical copy of a database: each yardstick starts from exactly the job's rows. */
    void copy(String from, String to) throws SQLException {
        drop(to);
        // FILE_COPY copies the files instead of writing every page to the WAL: seconds, not minutes, at 10M rows
        admin("create database " + to + " template " + from + " strategy file_copy");
    }

    /**
     * Writes every dirty page of the server out and starts its WAL afresh, so that each contender
     * starts from a clean server: none pays for the pages another left dirty, or runs into the
     * checkpoint that another's WAL brought on. Needs a superuser or the role pg_checkpoint.
     */
    void checkpoint() throws SQLException {
        admin("checkpoint");
    }

    void drop(String database) throws SQLException {
        admin("drop database if exists " + database + " with (force)");
    }

    // DDL takes no bind parameters; the names are of the checked prefix
    private void admin(String ddl) throws SQLException {
        try (Connection connection = DriverManager.getConnection(connectionUrl("postgres"), username, password);
             Statement statement = connection.createStatement()) {
            statement.execute(ddl);
        }
    }
}

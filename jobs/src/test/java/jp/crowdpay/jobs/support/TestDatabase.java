package jp.crowdpay.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import jp.crowdpay.jobs.schema.SchemaMigration;

/**
 * The PostgreSQL database the tests run against: the local server, database {@code payout_test}
 * unless PAYOUT_TEST_DB names another (so that two checkouts can test side by side). Created and
 * migrated on first use, as an operator runs {@code migrate} before any other command, so that the
 * test command needs no setup step.
 */
public final class TestDatabase {

    private static final String SERVER = System.getenv().getOrDefault("PAYOUT_TEST_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String NAME = System.getenv().getOrDefault("PAYOUT_TEST_DB", "payout_test");
    private static boolean ready;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (!ready) {
            create();
            // every command but migrate refuses a database with migrations pending
            SchemaMigration.of(SERVER + NAME, username(), "").migrate();
            ready = true;
        }
        return SERVER + NAME;
    }

    /** The name of the test database: what names the test's own cluster-wide objects (roles). */
    public static String name() {
        return NAME;
    }

    public static String username() {
        return "postgres";
    }

    /**
     * A database of its own for a test that needs one other than the shared test database (an
     * empty one, say): {@code <test database>_<suffix>}, dropped and created anew, not migrated.
     */
    public static String fresh(String suffix) {
        String name = NAME + "_" + suffix;
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", username(), "");
             var statement = admin.createStatement()) {
            // a database name cannot be a bind parameter; it comes from the test environment and the test
            statement.execute("drop database if exists \"" + name.replace("\"", "") + "\" with (force)");
            statement.execute("create database \"" + name.replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name + " at " + SERVER, e);
        }
        return SERVER + name;
    }

    private static void create() {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", username(), "")) {
            boolean exists;
            try (var statement = admin.prepareStatement("select 1 from pg_database where datname = ?")) {
                statement.setString(1, NAME);
                exists = statement.executeQuery().next();
            }
            if (!exists) {
                try (var statement = admin.createStatement()) {
                    // a database name cannot be a bind parameter; NAME comes from the test environment only
                    statement.execute("create database \"" + NAME.replace("\"", "") + "\"");
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot reach PostgreSQL at " + SERVER + " to create " + NAME, e);
        }
    }
}

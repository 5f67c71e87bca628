package jp.crowdpay.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * The PostgreSQL database the tests run against: the local server, database {@code payout_test}
 * unless PAYOUT_TEST_DB names another (so that two checkouts can test side by side). Created
 * on first use, so that the test command needs no setup step.
 */
public final class TestDatabase {

    private static final String SERVER = System.getenv().getOrDefault("PAYOUT_TEST_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String NAME = System.getenv().getOrDefault("PAYOUT_TEST_DB", "payout_test");
    private static boolean created;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (!created) {
            create();
            created = true;
        }
        return SERVER + NAME;
    }

    public static String username() {
        return "postgres";
    }

    /**
     * A database of its own for a test that needs one other than the shared test database (an
     * empty one, say): {@code <test database>_<suffix>}, dropped and created anew.
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

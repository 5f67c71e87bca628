package jp.crowdpay.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import jp.crowdpay.jobs.schema.SchemaMigration;

/**
 * The PostgreSQL database the tests run against: the local server, database {@code payout_test}
 * unless PAYOUT_TEST_DB names another (so that two checkouts can test side by side), with the
 * number of the build's test JVM appended ({@code payout_test_1}, {@code payout_test_2}) so that
 * the forks of one build never share rows. Dropped, created and migrated on first use in a JVM,
 * as an operator runs {@code migrate} before any other command: the test command needs no setup
 * step, and a database left by another checkout (other migrations) cannot get in the way.
 */
public final class TestDatabase {

    private static final String SERVER = System.getenv().getOrDefault("PAYOUT_TEST_SERVER", "jdbc:postgresql://127.0.0.1:5432/");
    private static final String NAME = System.getenv().getOrDefault("PAYOUT_TEST_DB", "payout_test")
            + System.getProperty("payout.test.db-suffix", "");
    private static boolean ready;

    private TestDatabase() {
    }

    public static synchronized String url() {
        if (!ready) {
            recreate(NAME);
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
        recreate(name);
        return SERVER + name;
    }

    private static void recreate(String name) {
        try (Connection admin = DriverManager.getConnection(SERVER + "postgres", username(), "");
             var statement = admin.createStatement()) {
            // a database name cannot be a bind parameter; it comes from the test environment and the test
            statement.execute("drop database if exists \"" + name.replace("\"", "") + "\" with (force)");
            statement.execute("create database \"" + name.replace("\"", "") + "\"");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the database " + name + " at " + SERVER, e);
        }
    }
}

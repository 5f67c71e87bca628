package jp.crowdpay.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A deterministic stopping point inside a child process: a test-only trigger that makes the
 * child's transaction wait for an advisory lock that this blocker holds. The child stops at
 * exactly that row, in the middle of its transaction, until the lock is released (or the child
 * is killed). Close drops the trigger; close it in a finally block.
 */
public final class Blocker implements AutoCloseable {

    /** First half of every advisory-lock key of the tests; the jobs' own keys use another. */
    private static final int KEY_SPACE = 0x7E57;
    private static final AtomicInteger NEXT_KEY = new AtomicInteger();

    private final Connection holder;
    private final int key;
    private final String name;
    private final String table;
    private boolean held;

    private Blocker(Connection holder, int key, String table) {
        this.holder = holder;
        this.key = key;
        this.name = "test_blocker_" + key;
        this.table = table;
    }

    /**
     * Blocks the first row of {@code event} ("insert", "update", ...) on {@code table} that meets
     * {@code condition} (a trigger WHEN clause over old/new).
     */
    public static Blocker before(String event, String table, String condition) throws SQLException {
        Connection holder = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
        Blocker blocker = new Blocker(holder, NEXT_KEY.incrementAndGet(), table);
        try {
            blocker.install(event, condition);
            return blocker;
        } catch (SQLException | RuntimeException e) {
            blocker.close();
            throw e;
        }
    }

    private void install(String event, String condition) throws SQLException {
        try (Statement statement = holder.createStatement()) {
            // dropping the trigger must not hang the suite behind a forgotten transaction
            statement.execute("set lock_timeout = '30s'");
            statement.execute("select pg_advisory_lock(" + KEY_SPACE + ", " + key + ")");
            held = true;
            // a transaction-level lock: whoever passes the trigger holds it only until its transaction ends
            statement.execute("create function " + name + "() returns trigger language plpgsql as $$ begin"
                    + " perform pg_advisory_xact_lock(" + KEY_SPACE + ", " + key + "); return new; end $$");
            statement.execute("create trigger " + name + " before " + event + " on " + table
                    + " for each row when (" + condition + ") execute function " + name + "()");
        }
    }

    /** Waits until a transaction of the child is stopped at this blocker; fails if the child exits first. */
    public void awaitBlocked(Process child) {
        Await.until("a transaction waits at " + name, Duration.ofSeconds(60), child, () -> {
            try (Statement statement = holder.createStatement();
                 var rs = statement.executeQuery("select count(*) from pg_locks where locktype = 'advisory' and not granted"
                         + " and classid = " + KEY_SPACE + " and objid = " + key + " and objsubid = 2"
                         // advisory locks belong to a database: another test run's blockers use the same keys
                         + " and database = (select oid from pg_database where datname = current_database())")) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    /** Lets the waiting transaction, and every later one, pass. */
    public void release() throws SQLException {
        if (held) {
            try (Statement statement = holder.createStatement()) {
                statement.execute("select pg_advisory_unlock(" + KEY_SPACE + ", " + key + ")");
            }
            held = false;
        }
    }

    /** Releases the lock and drops the trigger and its function. */
    @Override
    public void close() throws SQLException {
        try (holder) {
            release();
            try (Statement statement = holder.createStatement()) {
                statement.execute("drop trigger if exists " + name + " on " + table);
                statement.execute("drop function if exists " + name + "()");
            }
        }
    }
}

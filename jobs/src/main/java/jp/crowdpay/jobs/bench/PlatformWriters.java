package jp.crowdpay.jobs.bench;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * The live platform writing the ledger while the benchmark's night runs: writers on connections
 * of their own, each one short transaction after another with a 10 ms pause between, on workers
 * picked at random: a worker's withdrawal method, hold or display name, a bank account's payee
 * name, a new reward; and, if asked, one slow request after another that holds a worker's row for
 * seconds. Each write's time (statement and commit) is what the platform waited: the work itself
 * takes a fraction of a millisecond. The values are written back unchanged, so that
 * the night decides every worker whose rows it takes as it would without the writers; the rewards
 * are confirmed on the business date: those committed before the night opens are in its scope,
 * the others are the next night's.
 */
final class PlatformWriters {

    /** What a write changes. */
    enum Kind {
        WORKER("worker update"),
        BANK_ACCOUNT("bank_account update"),
        REWARD("reward insert");

        private final String label;

        Kind(String label) {
            this.label = label;
        }
    }

    /** One write: when it started (epoch ms) and how long it took. */
    record Write(Kind kind, long startedAtMillis, long nanos, boolean failed) {
    }

    /** A step of the job, by the wall clock (epoch ms), to tell which step each write met. */
    record Step(String name, long fromMillis, long toMillis) {
    }

    private static final long PAUSE_MILLIS = 10;
    private static final String[] WORKER_UPDATES = {
            "update worker set withdrawal_method = withdrawal_method where id = ?",
            "update worker set payout_hold = payout_hold where id = ?",
            "update worker set display_name = display_name where id = ?"};

    private final List<Thread> threads = new ArrayList<>();
    private final List<Write> writes = Collections.synchronizedList(new ArrayList<>());
    private final AtomicLong holds = new AtomicLong();
    private volatile boolean stopped;

    /**
     * Starts {@code writers} writers on the database at {@code url}, on workers 1 to {@code workers}.
     *
     * @throws SQLException if a writer cannot connect; none is left running then
     */
    static PlatformWriters start(String url, String username, String password, int writers, Duration hold, int workers,
                                 LocalDate businessDate, long seed) throws SQLException {
        PlatformWriters platform = new PlatformWriters();
        List<Connection> connections = new ArrayList<>();
        int holders = hold.isZero() ? 0 : 1;
        try {
            for (int i = 0; i < writers + holders; i++) {
                Connection connection = DriverManager.getConnection(url, username, password);
                connections.add(connection);
                connection.setAutoCommit(false);
            }
        } catch (SQLException e) {
            for (Connection connection : connections) {
                connection.close();
            }
            throw e;
        }
        for (int i = 0; i < writers; i++) {
            Connection connection = connections.get(i);
            Random random = new Random(seed + i);
            Thread thread = new Thread(() -> platform.write(connection, random, workers, businessDate), "platform-writer-" + i);
            thread.setDaemon(true);
            platform.threads.add(thread);
            thread.start();
        }
        if (holders > 0) {
            Connection connection = connections.get(writers);
            Random random = new Random(seed - 1);
            Thread thread = new Thread(() -> platform.hold(connection, random, workers, hold), "platform-holder");
            thread.setDaemon(true);
            platform.threads.add(thread);
            thread.start();
        }
        return platform;
    }

    /** Stops the writers and returns every write they made. */
    List<Write> stop() throws InterruptedException {
        stopped = true;
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
        synchronized (writes) {
            return List.copyOf(writes);
        }
    }

    private void write(Connection connection, Random random, int workers, LocalDate businessDate) {
        try (connection) {
            while (!stopped) {
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                long worker = 1 + random.nextInt(workers);
                long startedAt = System.currentTimeMillis();
                long started = System.nanoTime();
                boolean failed = false;
                try (PreparedStatement statement = connection.prepareStatement(switch (kind) {
                    case WORKER -> WORKER_UPDATES[random.nextInt(WORKER_UPDATES.length)];
                    case BANK_ACCOUNT -> "update bank_account set payee_name = payee_name where worker_id = ?";
                    case REWARD -> "insert into reward (worker_id, amount_yen, confirmed_on) values (?, 1000, ?)";
                })) {
                    statement.setLong(1, worker);
                    if (kind == Kind.REWARD) {
                        statement.setObject(2, businessDate);
                    }
                    statement.executeUpdate();
                    connection.commit();
                } catch (SQLException e) {
                    failed = true;
                    connection.rollback();
                }
                writes.add(new Write(kind, startedAt, System.nanoTime() - started, failed));
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // the writer ends; what it wrote is counted
        }
    }

    /**
     * A slow request of the platform's, again and again: updates a worker picked at random and
     * keeps its transaction open for {@code hold} before committing, holding the worker's row.
     */
    private void hold(Connection connection, Random random, int workers, Duration hold) {
        try (connection; PreparedStatement statement = connection.prepareStatement(WORKER_UPDATES[2])) {
            while (!stopped) {
                statement.setLong(1, 1 + random.nextInt(workers));
                statement.executeUpdate();
                long until = System.nanoTime() + hold.toNanos();
                while (!stopped && System.nanoTime() < until) {
                    Thread.sleep(Math.min(PAUSE_MILLIS * 10, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
                }
                connection.commit();
                holds.incrementAndGet();
                Thread.sleep(PAUSE_MILLIS);
            }
        } catch (SQLException | InterruptedException e) {
            // the holder ends; its open transaction, if any, rolls back with its connection
        }
    }

    /** How many long transactions the holder committed. */
    long holds() {
        return holds.get();
    }

    /** Prints the writes' times by kind and by the step they met, against the targets. */
    static void print(List<Write> writes, List<Step> steps, int writers, PrintWriter out) {
        out.printf("Platform writers: %d, one write after another with a %d ms pause, from the job's start to its end%n",
                writers, PAUSE_MILLIS);
        out.printf("  %-36s %8s %9s %9s %9s %9s %7s%n", "writes", "count", "p50 ms", "p99 ms", "max ms", "over 1 s", "failed");
        for (Kind kind : Kind.values()) {
            line(out, kind.label, writes, write -> write.kind() == kind);
        }
        for (Step step : steps) {
            line(out, "during " + step.name(), writes,
                    write -> write.startedAtMillis() >= step.fromMillis() && write.startedAtMillis() < step.toMillis());
        }
        line(out, "outside the steps (JVM start, stop)", writes,
                write -> steps.stream().noneMatch(step -> write.startedAtMillis() >= step.fromMillis()
                        && write.startedAtMillis() < step.toMillis()));
        line(out, "all", writes, write -> true);
        long[] all = sortedNanos(writes, write -> true);
        double p99 = percentile(all, 99) / 1e6;
        double max = all.length == 0 ? 0 : all[all.length - 1] / 1e6;
        out.printf("  targets: p99 under 1 s: %s (%.1f ms); max under 5 s: %s (%.1f ms)%n",
                p99 < 1_000 ? "met" : "MISSED", p99, max < 5_000 ? "met" : "MISSED", max);
    }

    private static void line(PrintWriter out, String label, List<Write> writes, Predicate<Write> which) {
        long[] nanos = sortedNanos(writes, which);
        long over = Arrays.stream(nanos).filter(n -> n > TimeUnit.SECONDS.toNanos(1)).count();
        long failed = writes.stream().filter(which).filter(Write::failed).count();
        out.printf("  %-36s %,8d %9.1f %9.1f %9.1f %9d %7d%n", label, nanos.length, percentile(nanos, 50) / 1e6,
                percentile(nanos, 99) / 1e6, nanos.length == 0 ? 0 : nanos[nanos.length - 1] / 1e6, over, failed);
    }

    private static long[] sortedNanos(List<Write> writes, Predicate<Write> which) {
        return writes.stream().filter(which).mapToLong(Write::nanos).sorted().toArray();
    }

    /** The nearest-rank percentile of sorted values; 0 when there are none. */
    static long percentile(long[] sorted, int percent) {
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}

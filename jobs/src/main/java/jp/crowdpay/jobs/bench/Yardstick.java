package jp.crowdpay.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * Set-based SQL of the night, run in one transaction and timed statement by statement: the naive
 * {@code bench/yardstick.sql} or the tuned {@code bench/yardstick-tuned.sql}. Kept in resources so
 * that a reader sees each whole yardstick in one place.
 */
final class Yardstick {

    static final String NAIVE = "bench/yardstick.sql";
    static final String TUNED = "bench/yardstick-tuned.sql";
    private static final String NAME_MARK = "-- name: ";

    private final String resource;
    private final Map<String, String> statements;

    private Yardstick(String resource, Map<String, String> statements) {
        this.resource = resource;
        this.statements = statements;
    }

    /** @param resource {@link #NAIVE} or {@link #TUNED} */
    static Yardstick load(String resource) {
        try (InputStream in = Yardstick.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the class path");
            }
            return new Yardstick(resource, parse(new String(in.readAllBytes(), StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource, e);
        }
    }

    String resource() {
        return resource;
    }

    /** Runs every statement in order and commits once; the bank file is written to {@code file}. */
    List<StepTiming> run(String url, String username, String password, MapSqlParameterSource parameters, Path file)
            throws SQLException, IOException {
        List<StepTiming> timings = new ArrayList<>();
        SingleConnectionDataSource dataSource = new SingleConnectionDataSource(url, username, password, true);
        dataSource.setAutoCommit(false);
        try (Connection connection = dataSource.getConnection()) {
            NamedParameterJdbcTemplate jdbc = new NamedParameterJdbcTemplate(dataSource);
            try {
                // the yardstick does the job's work, so it names itself as the job does (connection-init-sql)
                try (Statement identify = connection.createStatement()) {
                    identify.execute("set local crowdpay.ledger_writer = 'payout-jobs'");
                }
                for (Map.Entry<String, String> statement : statements.entrySet()) {
                    long started = System.nanoTime();
                    if (statement.getValue().startsWith("copy")) {
                        copyOut(connection, statement.getValue(), file);
                    } else {
                        jdbc.update(statement.getValue(), parameters);
                    }
                    timings.add(new StepTiming(statement.getKey(), Duration.ofNanos(System.nanoTime() - started)));
                }
                long started = System.nanoTime();
                connection.commit();
                timings.add(new StepTiming("commit", Duration.ofNanos(System.nanoTime() - started)));
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } finally {
            dataSource.destroy();
        }
        return timings;
    }

    private static void copyOut(Connection connection, String sql, Path file) throws SQLException, IOException {
        try (OutputStream out = Files.newOutputStream(file)) {
            connection.unwrap(PGConnection.class).getCopyAPI().copyOut(sql, out);
        }
    }

    private static Map<String, String> parse(String script) {
        Map<String, String> statements = new LinkedHashMap<>();
        String name = null;
        StringBuilder sql = new StringBuilder();
        for (String line : script.split("\n")) {
            if (line.startsWith(NAME_MARK)) {
                put(statements, name, sql);
                name = line.substring(NAME_MARK.length()).trim();
                sql.setLength(0);
            } else if (name != null && !line.startsWith("--")) {
                sql.append(line).append('\n');
            }
        }
        put(statements, name, sql);
        return statements;
    }

    private static void put(Map<String, String> statements, String name, StringBuilder sql) {
        String statement = sql.toString().strip();
        if (name != null && !statement.isEmpty()) {
            statements.put(name, statement.endsWith(";") ? statement.substring(0, statement.length() - 1) : statement);
        }
    }
}

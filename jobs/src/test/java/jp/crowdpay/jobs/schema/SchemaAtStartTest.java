package jp.crowdpay.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.TestDatabase;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The schema check at start, in real processes on databases of their own: an empty one, and one a newer program migrated. */
class SchemaAtStartTest {

    @TempDir
    Path work;

    @Test
    void statusOnAnEmptyDatabaseSaysSoAndCreatesNothing() throws Exception {
        // given
        String url = TestDatabase.fresh("empty");
        // when
        ChildProcess.Result result = ChildProcess.run(work.resolve("status"), Map.of("SPRING_DATASOURCE_URL", url), "status");
        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err().strip()).isEqualTo("error: the database has no payout-jobs schema (no migration applied)"
                + " and this command changes nothing; a command that writes (payout, release-locks, seed, import-banks) creates it");
        assertThat(tables(url)).isZero();
    }

    @Test
    void aDatabaseNewerThanTheProgramIsRefusedByEveryCommandAndLeftAsItWas() throws Exception {
        // given a database migrated by this program, then by a newer one (version 99)
        String url = TestDatabase.fresh("newer");
        Flyway.configure().dataSource(url, TestDatabase.username(), "").locations("classpath:db/migration").load().migrate();
        String known = query(url, "select max(version::int) from flyway_schema_history");
        execute(url, "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) values (99, '99', 'from a newer program', 'SQL', 'V99__x.sql', 0,"
                + " 'postgres', 1, true)");
        String before = query(url, "select string_agg(version || ':' || installed_on, ',' order by installed_rank) from flyway_schema_history");
        for (String[] command : new String[][] {{"status"}, {"payout", "--date", "2026-11-02"}, {"release-locks"}}) {
            // when
            ChildProcess.Result result = ChildProcess.run(work.resolve(command[0]), Map.of("SPRING_DATASOURCE_URL", url), command);
            // then
            assertThat(result.exitCode()).as(command[0] + ": " + result.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).as(command[0]).contains("error: the database schema (version 99) is newer than this"
                    + " program (version " + known + "); use the program that migrated it. Nothing was touched");
        }
        assertThat(query(url, "select string_agg(version || ':' || installed_on, ',' order by installed_rank) from flyway_schema_history"))
                .isEqualTo(before);
        assertThat(query(url, "select count(*) from batch_job_execution")).isEqualTo("0");
    }

    private static long tables(String url) throws SQLException {
        return Long.parseLong(query(url, "select count(*) from pg_tables where schemaname = 'public'"));
    }

    private static String query(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.username(), "");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static void execute(String url, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, TestDatabase.username(), "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}

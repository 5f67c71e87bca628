package jp.crowdpay.jobs.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import jp.crowdpay.jobs.schema.SchemaMigration;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** A database of a test's own ({@link TestDatabase#fresh}), at the schema version the test needs, with plain JDBC to look into it. */
public record ScratchDatabase(String url) {

    /** An empty database, created anew. */
    public static ScratchDatabase fresh(String suffix) {
        return new ScratchDatabase(TestDatabase.fresh(suffix));
    }

    /** The program's migrations, oldest first: the last is the version the program needs. */
    public static List<MigrationInfo> programMigrations() {
        return Arrays.stream(SchemaMigration.of(TestDatabase.url(), TestDatabase.username(), "").info().all())
                .filter(migration -> migration.getVersion() != null && migration.getState().isResolved())
                .toList();
    }

    /** The version the program needs: its newest migration's. */
    public static String programVersion() {
        List<MigrationInfo> migrations = programMigrations();
        return migrations.get(migrations.size() - 1).getVersion().getVersion();
    }

    /** The version before the program's newest: what the previous release left. */
    public static String previousVersion() {
        List<MigrationInfo> migrations = programMigrations();
        return migrations.get(migrations.size() - 2).getVersion().getVersion();
    }

    /** Migrates the database as far as {@code version}, as the release that shipped it did, as superuser. */
    public ScratchDatabase migratedTo(String version) {
        Flyway.configure().configuration(SchemaMigration.of(url, TestDatabase.username(), "").getConfiguration())
                .target(version).load().migrate();
        return this;
    }

    /** The first column of the first row, as text. */
    public String query(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public void execute(String sql) {
        try (Connection connection = connect(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The migration history as text, each version with when it was applied: equal before and after means untouched. */
    public String history() {
        return query("select string_agg(version || ':' || installed_on, ',' order by installed_rank) from flyway_schema_history");
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(url, TestDatabase.username(), "");
    }
}

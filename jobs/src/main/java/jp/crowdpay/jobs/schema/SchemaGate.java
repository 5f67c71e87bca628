package jp.crowdpay.jobs.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Runs at start, before any other use of the database: checks the schema the database has
 * against the one the program ships, and refuses a command that may not run on it. It never
 * migrates: the {@code migrate} command does, once it runs.
 */
public class SchemaGate implements FlywayMigrationStrategy {

    private final SchemaAccess access;

    public SchemaGate(SchemaAccess access) {
        this.access = access;
    }

    @Override
    public void migrate(Flyway flyway) {
        if (access == SchemaAccess.NONE) {
            return;
        }
        // info() reads the history table if there is one and creates nothing
        versions(flyway).refusal(access).ifPresent(problem -> {
            throw new SchemaMismatchException(problem);
        });
    }

    static SchemaVersions versions(Flyway flyway) {
        SchemaVersions versions = versions(flyway.info());
        if (versions.applied().isPresent() && SchemaVersions.compare(versions.applied().get(), versions.known()) > 0) {
            return new SchemaVersions(versions.applied(), versions.known(), versions.missing(),
                    oldestProgram(flyway.getConfiguration().getDataSource(), versions.applied().get()));
        }
        return versions;
    }

    static SchemaVersions versions(MigrationInfoService info) {
        Optional<String> applied = Optional.ofNullable(info.current())
                .filter(current -> current.getVersion() != null)
                .map(current -> current.getVersion().getVersion());
        String known = Arrays.stream(info.all())
                .filter(migration -> migration.getState().isResolved() && migration.getVersion() != null)
                .map(MigrationInfo::getVersion)
                .max(Comparator.naturalOrder())
                .map(version -> version.getVersion())
                .orElse("0");
        return new SchemaVersions(applied, known, missing(info), Optional.empty());
    }

    /** The versioned migrations the program ships that the database has not applied, oldest first. */
    static List<String> missing(MigrationInfoService info) {
        return Arrays.stream(info.all())
                .filter(migration -> migration.getVersion() != null && migration.getState().isResolved()
                        && !migration.getState().isApplied())
                .map(MigrationInfo::getVersion)
                .sorted()
                .map(version -> version.getVersion())
                .toList();
    }

    /** What the newest applied migration recorded about the programs that still run on it. */
    private static Optional<String> oldestProgram(DataSource dataSource, String version) {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "select oldest_program from schema_compatibility where version = ?")) {
            statement.setString(1, version);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException unreadable) {
            // no such table, or not readable: without its word, newer means refused
            return Optional.empty();
        }
    }
}

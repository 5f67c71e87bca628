package jp.crowdpay.jobs.schema;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;

/**
 * Runs at start, before any other use of the database: checks the schema the database has
 * against the one the program ships, then migrates only if the command may.
 */
public class SchemaGate implements FlywayMigrationStrategy {

    private final SchemaAccess access;

    public SchemaGate(SchemaAccess access) {
        this.access = access;
    }

    @Override
    public void migrate(Flyway flyway) {
        // info() reads the history table if there is one and creates nothing
        versions(flyway.info()).refusal(access).ifPresent(problem -> {
            throw new SchemaMismatchException(problem);
        });
        if (access == SchemaAccess.MIGRATE) {
            flyway.migrate();
        }
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
        return new SchemaVersions(applied, known);
    }
}

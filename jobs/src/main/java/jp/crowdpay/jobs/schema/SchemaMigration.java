package jp.crowdpay.jobs.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.output.MigrateResult;
import org.springframework.stereotype.Component;

/**
 * The work of {@code migrate}: what is pending, and applying it with Flyway, each migration in a
 * transaction of its own. The only place the program changes the schema.
 */
@Component
public class SchemaMigration {

    /** Where the migrations are on the class path (spring.flyway.locations says the same for the application). */
    static final String LOCATIONS = "classpath:db/migration";

    private final Flyway flyway;

    public SchemaMigration(Flyway flyway) {
        this.flyway = flyway;
    }

    /** This program's migrations on a database of its own (a benchmark's, a test's), configured as the application's. */
    public static Flyway of(String url, String username, String password) {
        return Flyway.configure().dataSource(url, username, password).locations(LOCATIONS).load();
    }

    /** What {@code migrate} would apply, in the order it would, changing nothing. */
    public List<String> dryRun() {
        MigrationInfoService info = flyway.info();
        SchemaVersions versions = SchemaGate.versions(info);
        List<MigrationInfo> pending = Arrays.stream(info.all())
                .filter(migration -> migration.getVersion() != null && versions.missing().contains(migration.getVersion().getVersion()))
                .toList();
        if (pending.isEmpty()) {
            return List.of(upToDate(versions.known()));
        }
        List<String> lines = new ArrayList<>();
        lines.add(at(versions) + ", this program needs " + versions.known() + ". 'payout-jobs migrate' would apply, in this order:");
        pending.forEach(migration -> lines.add(String.format("  %-6s %s", migration.getVersion().getVersion(),
                migration.getDescription())));
        lines.add("Nothing was changed (--dry-run).");
        return lines;
    }

    /** Applies what is pending; returns what it did. A failed migration throws, the ones before it stay applied. */
    public List<String> migrate() {
        SchemaVersions before = SchemaGate.versions(flyway.info());
        if (before.missing().isEmpty()) {
            return List.of(upToDate(before.known()));
        }
        MigrateResult result = flyway.migrate();
        List<String> lines = new ArrayList<>();
        lines.add(at(before).replace("is at", "was at") + "; applied:");
        result.migrations.forEach(migration -> lines.add(String.format("  %-6s %s (%.1f s)", migration.version,
                migration.description, migration.executionTime / 1000.0)));
        lines.add("The database schema is now at version " + result.targetSchemaVersion + ".");
        return lines;
    }

    private static String at(SchemaVersions versions) {
        return versions.applied().map(version -> "The database schema is at version " + version)
                .orElse("The database has no payout-jobs schema yet");
    }

    private static String upToDate(String known) {
        return "The database schema is at version " + known + ", this program's: nothing to migrate.";
    }
}

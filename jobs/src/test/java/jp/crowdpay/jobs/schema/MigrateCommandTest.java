package jp.crowdpay.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.ScratchDatabase;
import jp.crowdpay.jobs.support.Tiers;
import org.flywaydb.core.api.MigrationInfo;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code migrate}, the one command that changes the schema, run as main runs it (in-process) on a database the previous release left. */
@Tag(Tiers.DATABASE)
class MigrateCommandTest {

    @TempDir
    Path work;

    @Test
    void aDryRunListsThePendingMigrationsAndChangesNothingThenMigrateAppliesThem() throws Exception {
        // given a database the previous release migrated
        ScratchDatabase database = ScratchDatabase.fresh("migrate").migratedTo(ScratchDatabase.previousVersion());
        String history = database.history();
        MigrationInfo newest = ScratchDatabase.programMigrations().get(ScratchDatabase.programMigrations().size() - 1);
        String pendingLine = String.format("  %-6s %s", newest.getVersion().getVersion(), newest.getDescription());
        // when
        ChildProcess.Result dryRun = run(database, "migrate", "--dry-run");
        // then
        assertThat(dryRun.exitCode()).as(dryRun.err()).isEqualTo(ExitCodes.OK);
        assertThat(dryRun.out()).contains("The database schema is at version " + ScratchDatabase.previousVersion()
                + ", this program needs " + ScratchDatabase.programVersion()
                + ". 'payout-jobs migrate' would apply, in this order:\n" + pendingLine + "\nNothing was changed (--dry-run).\n");
        assertThat(database.history()).isEqualTo(history);

        // when
        ChildProcess.Result migrate = run(database, "migrate");
        // then
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCodes.OK);
        assertThat(migrate.out()).containsPattern("The database schema was at version " + ScratchDatabase.previousVersion()
                + "; applied:\n" + pendingLine.replace(".", "\\.") + " \\(\\d+\\.\\d s\\)\nThe database schema is now at version "
                + ScratchDatabase.programVersion() + "\\.\n");
        assertThat(migrate.err()).isEmpty();
        assertThat(database.query("select max(version::numeric)::text from flyway_schema_history"))
                .isEqualTo(ScratchDatabase.programVersion());

        // when the same again, and another command afterwards
        ChildProcess.Result again = run(database, "migrate");
        ChildProcess.Result status = run(database, "status", "--last", "1");
        // then
        assertThat(again.out()).contains("The database schema is at version " + ScratchDatabase.programVersion()
                + ", this program's: nothing to migrate.\n");
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void migrateCreatesTheWholeSchemaOnAnEmptyDatabase() throws Exception {
        // given
        ScratchDatabase empty = ScratchDatabase.fresh("migrate_empty");
        // when
        ChildProcess.Result migrate = run(empty, "migrate");
        // then
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCodes.OK);
        assertThat(migrate.out()).contains("The database has no payout-jobs schema yet; applied:\n  1      batch metadata (");
        assertThat(empty.query("select count(*) from flyway_schema_history where success"))
                .isEqualTo(String.valueOf(ScratchDatabase.programMigrations().size()));
    }

    private ChildProcess.Result run(ScratchDatabase database, String... command) throws Exception {
        return InProcess.run(work.resolve(String.join("-", command)), Map.of("spring.datasource.url", database.url()), command);
    }
}

package jp.crowdpay.jobs.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.ScratchDatabase;
import jp.crowdpay.jobs.support.Tiers;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The schema check at start, each command line run as main runs it (in-process), on databases of
 * their own: an empty one, one with a migration pending, and one a newer program migrated. No
 * command but migrate changes the schema.
 */
@Tag(Tiers.DATABASE)
class SchemaAtStartTest {

    @TempDir
    Path work;

    @Test
    void statusOnAnEmptyDatabaseNamesMigrateAndCreatesNothing() throws Exception {
        // given
        ScratchDatabase empty = ScratchDatabase.fresh("empty");
        // when
        ChildProcess.Result result = run(empty, "status");
        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).isEqualTo("error: the database has no payout-jobs schema (no migration applied), this program"
                + " needs version " + ScratchDatabase.programVersion() + ": run 'payout-jobs migrate' first. Nothing was touched\n");
        assertThat(empty.query("select count(*) from pg_tables where schemaname = 'public'")).isEqualTo("0");
    }

    @Test
    void withAMigrationPendingTheCommandsRefuseNamingMigrateAndTouchNothing() throws Exception {
        // given a database the previous release migrated
        ScratchDatabase previous = ScratchDatabase.fresh("pending").migratedTo(ScratchDatabase.previousVersion());
        String history = previous.history();
        String tables = previous.query("select string_agg(tablename, ',' order by tablename) from pg_tables where schemaname = 'public'");
        for (String[] command : new String[][] {{"payout", "--date", "2026-11-02"}, {"release-locks"}, {"status", "--check"}}) {
            // when
            ChildProcess.Result result = run(previous, command);
            // then
            assertThat(result.exitCode()).as(command[0] + ": " + result.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).as(command[0]).isEqualTo("error: the database schema is at " + ScratchDatabase.previousVersion()
                    + ", this program needs " + ScratchDatabase.programVersion() + ": run 'payout-jobs migrate' first."
                    + " Nothing was touched\n");
        }
        assertThat(previous.history()).isEqualTo(history);
        assertThat(previous.query("select string_agg(tablename, ',' order by tablename) from pg_tables where schemaname = 'public'"))
                .isEqualTo(tables);
        assertThat(previous.query("select count(*) from batch_job_execution")).isEqualTo("0");
        assertThat(previous.query("select count(*) from lock_release_run")).isEqualTo("0");
    }

    @Test
    void aDatabaseNewerThanTheProgramIsRefusedByEveryCommandAndLeftAsItWas() throws Exception {
        // given a database migrated by this program, then by a newer one (version 99)
        ScratchDatabase newer = ScratchDatabase.fresh("newer").migratedTo(ScratchDatabase.programVersion());
        newer.execute(fromANewerProgram());
        String before = newer.history();
        for (String[] command : new String[][] {{"status"}, {"payout", "--date", "2026-11-02"}, {"migrate"}}) {
            // when
            ChildProcess.Result result = run(newer, command);
            // then
            assertThat(result.exitCode()).as(command[0] + ": " + result.err()).isEqualTo(ExitCodes.USAGE);
            assertThat(result.err()).as(command[0]).contains("error: the database schema (version 99) is newer than this"
                    + " program (version " + ScratchDatabase.programVersion() + "); use the program that migrated it. Nothing was touched");
        }
        assertThat(newer.history()).isEqualTo(before);
        assertThat(newer.query("select count(*) from batch_job_execution")).isEqualTo("0");
    }

    @Test
    void aNewerDatabaseWhoseMigrationsOnlyAddedStillRunsTheProgramItWasMigratedFrom() throws Exception {
        // given a newer program's migration that records that this program still runs on it (expand, not contract)
        ScratchDatabase expanded = ScratchDatabase.fresh("expanded").migratedTo(ScratchDatabase.programVersion());
        expanded.execute(fromANewerProgram() + "; insert into schema_compatibility (version, oldest_program) values ('99', '"
                + ScratchDatabase.programVersion() + "')");
        // when
        ChildProcess.Result status = run(expanded, "status");
        ChildProcess.Result migrate = run(expanded, "migrate");
        // then the rolled-back program runs, but never migrates what a newer one made
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(status.out()).contains("nightlyPayoutJob");
        assertThat(migrate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(migrate.err()).contains("(version 99) is newer than this program");
    }

    private static String fromANewerProgram() {
        return "insert into flyway_schema_history (installed_rank, version, description, type, script, checksum,"
                + " installed_by, execution_time, success) values (99, '99', 'from a newer program', 'SQL', 'V99__x.sql', 0,"
                + " 'postgres', 1, true)";
    }

    private ChildProcess.Result run(ScratchDatabase database, String... command) throws Exception {
        return InProcess.run(work.resolve(command[0] + "-" + command.length), Map.of("spring.datasource.url", database.url()), command);
    }
}

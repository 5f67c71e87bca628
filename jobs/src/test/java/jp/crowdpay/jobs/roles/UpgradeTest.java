package jp.crowdpay.jobs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.DatabaseRoles;
import jp.crowdpay.jobs.support.DatabaseRoles.Role;
import jp.crowdpay.jobs.support.ScratchDatabase;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The upgrade of docs/deployment.md and docs/database.md, as operations run it: a database an
 * earlier release migrated as superuser passes to the owner role, the owner migrates, the script
 * grants on the new tables, and the jobs run as their roles. Each command line runs as main runs
 * it, in-process: the roles it logs in as are the point.
 */
@Tag(Tiers.PROCESS)
class UpgradeTest {

    @TempDir
    Path work;

    @Test
    void theOwnerTakesOverMigratesAndTheJobsRunAsTheirRolesOnceTheScriptGrantedAgain() throws Exception {
        // given a database the previous release migrated as postgres, and its tables handed to the owner
        ScratchDatabase database = ScratchDatabase.fresh("upgrade").migratedTo(ScratchDatabase.previousVersion());
        String prefix = TestDatabase.name() + "_upgrade_";
        String before = DatabaseRoles.apply(database.url(), prefix, "adopt_from=" + TestDatabase.username());
        assertThat(before).contains("The schema is not at version " + ScratchDatabase.programVersion()
                + " yet: run payout-jobs migrate as " + prefix + "owner and then this script again");
        assertThat(database.query("select count(*) from pg_tables where schemaname = 'public' and tableowner <> '" + prefix + "owner'"))
                .isEqualTo("0");
        // when the new program runs before migrate, then migrate's dry run, then migrate, as the owner
        ChildProcess.Result early = run(database, prefix, Role.LOCKS, "release-locks");
        ChildProcess.Result dryRun = run(database, prefix, Role.OWNER, "migrate", "--dry-run");
        ChildProcess.Result migrate = run(database, prefix, Role.OWNER, "migrate");
        String after = DatabaseRoles.apply(database.url(), prefix);
        ChildProcess.Result locks = run(database, prefix, Role.LOCKS, "release-locks");
        ChildProcess.Result status = run(database, prefix, Role.READONLY, "status", "--last", "1");
        // then
        assertThat(early.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(early.err()).contains("run 'payout-jobs migrate' first");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isEqualTo(ExitCodes.OK);
        assertThat(dryRun.out()).contains("'payout-jobs migrate' would apply");
        assertThat(migrate.exitCode()).as(migrate.err()).isEqualTo(ExitCodes.OK);
        assertThat(after).doesNotContain("not at version");
        assertThat(locks.exitCode()).as(locks.err()).isEqualTo(ExitCodes.OK);
        assertThat(status.exitCode()).as(status.err()).isEqualTo(ExitCodes.OK);
        assertThat(status.out()).contains("lockReleaseJob").contains("COMPLETED");
        // and what the owner migrated belongs to it: the next migrate needs no superuser either
        assertThat(database.query("select count(*) from pg_tables where schemaname = 'public' and tableowner <> '" + prefix + "owner'"))
                .isEqualTo("0");
    }

    private ChildProcess.Result run(ScratchDatabase database, String prefix, Role role, String... command) throws Exception {
        return InProcess.run(work.resolve(role.name() + "-" + String.join("-", command)),
                Map.of("spring.datasource.url", database.url(), "spring.datasource.username", DatabaseRoles.name(prefix, role)),
                command);
    }
}

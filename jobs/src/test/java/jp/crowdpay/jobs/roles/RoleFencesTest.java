package jp.crowdpay.jobs.roles;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import jp.crowdpay.jobs.support.DatabaseRoles;
import jp.crowdpay.jobs.support.DatabaseRoles.Role;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * What each role may not do, tried as the role logged in: the fences the roles exist for. What
 * each may do is proven by its commands (CommandsAsTheirRolesTest).
 */
@Tag(Tiers.PROCESS)
class RoleFencesTest {

    @BeforeAll
    static void roles() {
        DatabaseRoles.apply();
    }

    @Test
    void thePayoutsRoleCannotReadNorChangeTheLoginServicesTables() throws SQLException {
        for (String sql : new String[] {"select failed_attempts from login_account", "select count(*) from login_lock_history",
                "update login_account set failed_attempts = 0", "delete from login_account",
                "insert into login_lock_history (account_id, locked_at, lock_reason) values (1, now(), 'ADMIN')",
                "update lock_release_run set status = 'X'"}) {
            assertThat(refused(Role.PAYOUT, sql)).as(sql).startsWith("ERROR: permission denied for table l");
        }
        // it reads only the workers' locks, for the expiry notices
        assertThat(runs(Role.PAYOUT, "select count(*) from worker_login_lock, worker_login_lock_history")).isTrue();
    }

    @Test
    void thePayoutsRoleReadsAccountsButCannotChangeThemNorMoveThemBetweenWorkers() throws SQLException {
        // given an account (the key is granted for FOR SHARE, and a trigger keeps it final)
        asThePlatform("truncate worker, bank_account, reward, login_account restart identity cascade",
                "insert into worker (id, display_name) values (1, 'a'), (2, 'b')",
                "insert into bank_account (worker_id, bank_code) values (1, '0001')");
        // when / then
        assertThat(refused(Role.PAYOUT, "update bank_account set account_number = '1234567'"))
                .startsWith("ERROR: permission denied for table bank_account");
        assertThat(refused(Role.PAYOUT, "update worker set payout_hold = false")).startsWith("ERROR: permission denied for table worker");
        assertThat(refused(Role.PAYOUT, "update bank_account set worker_id = 2"))
                .startsWith("ERROR: bank_account.worker_id is the row's key and never changes");
        assertThat(refused(Role.PAYOUT, "insert into reward (worker_id, amount_yen, confirmed_on) values (1, 1000, current_date)"))
                .startsWith("ERROR: permission denied for table reward");
        assertThat(runs(Role.PAYOUT, "select worker_id from bank_account for share")).isTrue();
    }

    @Test
    void thePayoutsRoleLocksPayoutsButCannotChangeThem() throws SQLException {
        // given a payout (the key is granted for FOR KEY SHARE, and a trigger keeps it final)
        asThePlatform("truncate worker, bank_account, reward, login_account, payout_run restart identity cascade",
                "insert into worker (id, display_name) values (1, 'a')",
                """
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen)
                values ('2026-11-20', 0, 0, 0)""",
                """
                insert into payout (run_id, worker_id, reward_count, gross_yen, fee_yen, amount_yen, bank_code, branch_code,
                                    account_type, account_number, payee_name)
                values (1, 1, 1, 2000, 100, 1900, '0036', '101', 1, '0000001', 'ﾃｽﾄ ﾀﾛｳ')""");
        // when / then
        assertThat(runs(Role.PAYOUT, "select id from payout where run_id = 1 for key share")).isTrue();
        assertThat(refused(Role.PAYOUT, "update payout set amount_yen = 1")).startsWith("ERROR: permission denied for table payout");
        assertThat(refused(Role.PAYOUT, "update payout set id = default")).startsWith("ERROR: payout.id is the row's key and never changes");
    }

    @Test
    void theLockReleasesRoleCannotReadTheLedgerNorBankAccounts() throws SQLException {
        for (String table : new String[] {"reward", "bank_account", "worker", "payout", "payout_run", "returned_account",
                "worker_login_lock"}) {
            assertThat(refused(Role.LOCKS, "select count(*) from " + table)).as(table)
                    .startsWith("ERROR: permission denied for " + (table.equals("worker_login_lock") ? "view " : "table ") + table);
        }
    }

    @Test
    void theReadOnlyRoleCannotWriteEvenWithItsReadOnlyDefaultTurnedOff() throws SQLException {
        for (String sql : new String[] {"insert into payout_run (business_date, reward_watermark, unpaid_before_count,"
                + " unpaid_before_yen) values (current_date, 0, 0, 0)", "update reward set status = 'PAID'", "delete from payout",
                "update batch_job_execution set status = 'FAILED'", "truncate lock_release_run",
                "update login_account set locked_at = null", "update payout_scope_guard set runs_opened = 0"}) {
            assertThat(refused(Role.READONLY, "set default_transaction_read_only = off; " + sql)).as(sql)
                    .startsWith("ERROR: permission denied for table");
        }
        assertThat(refused(Role.READONLY, "insert into payout_return default values")).contains("read-only transaction");
    }

    @Test
    void theReadOnlyRoleSeesNoBankAccountData() throws SQLException {
        for (String sql : new String[] {"select account_number from payout", "select payee_name from payout",
                "select count(*) from bank_account", "select account_number from returned_account_in_use",
                "select count(*) from returned_account"}) {
            assertThat(refused(Role.READONLY, sql)).as(sql).startsWith("ERROR: permission denied for");
        }
        assertThat(runs(Role.READONLY, "select count(*), sum(amount_yen) from payout")).isTrue();
    }

    @Test
    void noRoleButTheOwnerChangesTheSchema() throws SQLException {
        for (Role role : new Role[] {Role.PAYOUT, Role.IMPORTS, Role.LOCKS, Role.READONLY}) {
            assertThat(refused(role, "set default_transaction_read_only = off; create table scratch (a int)")).as(role.name())
                    .startsWith("ERROR: permission denied for schema public");
            assertThat(refused(role, "set default_transaction_read_only = off; alter table reward add column scratch int")).as(role.name())
                    .startsWith("ERROR: must be owner of table reward");
            assertThat(refused(role, "set default_transaction_read_only = off; truncate reward")).as(role.name())
                    .startsWith("ERROR: permission denied for table reward");
        }
    }

    /** What the database answers the role that runs {@code sql} (statements separated by "; ", each a transaction of its own). */
    private static String refused(Role role, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), DatabaseRoles.name(role), "");
             Statement statement = connection.createStatement()) {
            for (String each : sql.split("; ")) {
                statement.execute(each);
            }
            throw new AssertionError(role + " may run: " + sql);
        } catch (SQLException refused) {
            return refused.getMessage();
        }
    }

    private static boolean runs(Role role, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), DatabaseRoles.name(role), "");
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(false);
            statement.execute(sql);
            connection.rollback();
            return true;
        }
    }

    /** Runs the statements as the database's owner, as the platform writes its rows. */
    private static void asThePlatform(String... statements) throws SQLException {
        try (Connection platform = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
             Statement statement = platform.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }
}

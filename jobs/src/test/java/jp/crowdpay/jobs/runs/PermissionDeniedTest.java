package jp.crowdpay.jobs.runs;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.FatalStepExecutionException;
import org.springframework.jdbc.BadSqlGrammarException;

/**
 * A statement refused for want of a grant: the line names the table, as PostgreSQL does, and the
 * privileges the statement needs on it, which PostgreSQL does not.
 */
class PermissionDeniedTest {

    private static String refused(String table, String sql) {
        // as a chunk of a step wraps what JdbcTemplate throws
        return RunFailures.describe(new FatalStepExecutionException("Unable to process chunk",
                new BadSqlGrammarException("PreparedStatementCallback", sql,
                        new SQLException("ERROR: permission denied for table " + table, "42501"))));
    }

    private static final String LOCK_ACCOUNTS = """
            select b.worker_id, bank.zengin_name as bank_name
            from bank_account b
            left join bank on bank.code = b.bank_code
            where b.worker_id = any(?)
            order by b.worker_id
            for share of b""";

    @Test
    void aTableLockedForShareNeedsSelectAndUpdateAJoinedOneSelectOnly() {
        assertThat(refused("bank_account", LOCK_ACCOUNTS)).isEqualTo("permission denied for table bank_account: the statement"
                + " needs SELECT and UPDATE on it (it locks its rows FOR SHARE or FOR UPDATE, which needs UPDATE)");
        assertThat(refused("bank", LOCK_ACCOUNTS)).isEqualTo("permission denied for table bank: the statement needs SELECT on it");
        assertThat(refused("worker", "select id from worker where id = any(?) order by id for share"))
                .endsWith("needs SELECT and UPDATE on it (it locks its rows FOR SHARE or FOR UPDATE, which needs UPDATE)");
    }

    @Test
    void insertsUpdatesDeletesAndLocksNameTheirOwnPrivileges() {
        assertThat(refused("payout", "insert into payout (run_id, worker_id) values (?, ?)"))
                .isEqualTo("permission denied for table payout: the statement needs INSERT on it");
        assertThat(refused("payout_run_tally", "insert into payout_run_tally (run_id) values (?) on conflict (run_id, outcome)"
                + " do update set workers = payout_run_tally.workers + excluded.workers"))
                .endsWith("needs INSERT, SELECT and UPDATE on it");
        assertThat(refused("payout_run", "update payout_run set bank_file = ? where id = ?")).endsWith("needs SELECT and UPDATE on it");
        assertThat(refused("bank_branch", "delete from bank_branch")).endsWith("needs DELETE and SELECT on it");
        assertThat(refused("return_notice", "lock table return_notice in share row exclusive mode")).endsWith("needs UPDATE on it");
        assertThat(refused("reward", "with expired as (update reward r set status = 'EXPIRED' where r.id = ? returning r.amount_yen)"
                + " update payout_run set expired_yen = (select sum(amount_yen) from expired)")).endsWith("needs SELECT and UPDATE on it");
    }

    @Test
    void aTableTheStatementDoesNotNameIsATriggersOrAViews() {
        assertThat(refused("payout_return", "update reward set status = 'PAID', payout_id = ? where id = ?"))
                .isEqualTo("permission denied for table payout_return: a trigger or view of the statement reads it: the role"
                        + " needs SELECT on it, at least");
    }

    @Test
    void sequencesAndSchemasNameTheirPrivilege() {
        assertThat(RunFailures.describe(new SQLException("ERROR: permission denied for sequence batch_job_execution_seq", "42501")))
                .isEqualTo("permission denied for sequence batch_job_execution_seq: the role needs USAGE on it");
        assertThat(RunFailures.describe(new SQLException("ERROR: permission denied for schema public", "42501")))
                .isEqualTo("permission denied for schema public: the role needs USAGE on it (CREATE, for migrate)");
    }
}

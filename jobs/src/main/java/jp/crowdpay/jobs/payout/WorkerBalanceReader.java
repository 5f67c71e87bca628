package jp.crowdpay.jobs.payout;

import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import jp.crowdpay.jobs.bankfile.RawBankAccount;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;

/**
 * Streams the balance of every worker with unpaid rewards in the run's scope, in worker-id
 * order, within a range of worker ids (a partition's, or all of them). On restart it resumes
 * after the last worker of the last committed chunk: counting rows to skip would be wrong,
 * because the workers paid before the failure are no longer in the result. The key lives in
 * the step execution's context, so every partition resumes on its own.
 */
class WorkerBalanceReader implements ItemStreamReader<WorkerBalance> {

    private static final String LAST_WORKER = "lastWorkerId";
    private static final String SQL = """
            select r.worker_id, sum(r.amount_yen) as balance_yen, count(*) as reward_count,
                   w.withdrawal_method, w.payout_hold, b.worker_id is not null as has_account,
                   b.bank_code, b.branch_code, b.account_type, b.account_number, b.payee_name,
                   f.worker_id is not null as account_returned
            from reward r
            join worker w on w.id = r.worker_id
            left join bank_account b on b.worker_id = r.worker_id
            left join (select distinct worker_id from returned_account_in_use) f on f.worker_id = r.worker_id
            where %s and r.worker_id > ? and r.worker_id <= ?
            group by r.worker_id, w.id, b.worker_id, f.worker_id
            order by r.worker_id""".formatted(RunScope.UNPAID_REWARDS);

    /** The account is one a transfer came back from (the flags of import-returns); any change of a field lifts it. */
    private static final AccountCheck ACCOUNT_RETURNED = new AccountCheck.Refused(PayoutOutcome.ACCOUNT_RETURNED,
            "a transfer to this bank account came back; paid once the account changes");

    private final DataSource dataSource;
    private final PayoutRun run;
    private final AccountChecker accountChecker;
    private final WorkerRange range;
    private JdbcCursorItemReader<WorkerBalance> cursor;
    private long lastWorkerId;

    WorkerBalanceReader(DataSource dataSource, PayoutRun run, AccountChecker accountChecker, WorkerRange range) {
        this.dataSource = dataSource;
        this.range = range;
        this.run = run;
        this.accountChecker = accountChecker;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        lastWorkerId = context.getLong(LAST_WORKER, range.first() - 1);
        cursor = new JdbcCursorItemReader<>(dataSource, SQL, this::map);
        cursor.setPreparedStatementSetter(statement -> {
            int next = RunScope.bind(statement, 1, run);
            statement.setLong(next, lastWorkerId);
            statement.setLong(next + 1, range.last());
        });
        // PostgreSQL streams a result only inside a transaction and with a fetch size
        cursor.setConnectionAutoCommit(false);
        cursor.setFetchSize(1_000);
        cursor.setSaveState(false);
        cursor.setVerifyCursorPosition(false);
        cursor.open(new ExecutionContext());
    }

    @Override
    public WorkerBalance read() throws Exception {
        WorkerBalance next = cursor.read();
        if (next != null) {
            lastWorkerId = next.workerId();
        }
        return next;
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        context.putLong(LAST_WORKER, lastWorkerId);
    }

    @Override
    public void close() throws ItemStreamException {
        if (cursor != null) {
            cursor.close();
        }
    }

    private WorkerBalance map(ResultSet rs, int row) throws SQLException {
        AccountCheck account = rs.getBoolean("has_account")
                ? accountChecker.check(new RawBankAccount(
                        rs.getString("bank_code"),
                        rs.getString("branch_code"),
                        rs.getObject("account_type", Integer.class),
                        rs.getString("account_number"),
                        rs.getString("payee_name")))
                : new AccountCheck.Missing();
        if (rs.getBoolean("account_returned")) {
            account = ACCOUNT_RETURNED;
        }
        return new WorkerBalance(
                rs.getLong("worker_id"),
                rs.getLong("balance_yen"),
                rs.getInt("reward_count"),
                WithdrawalMethod.valueOf(rs.getString("withdrawal_method")),
                rs.getBoolean("payout_hold"),
                account);
    }
}

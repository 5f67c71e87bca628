package jp.crowdpay.jobs.payout.paying;

import javax.sql.DataSource;
import jp.crowdpay.jobs.payout.partitioning.WorkerRange;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.run.RunScope;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.database.JdbcCursorItemReader;

/**
 * Streams the unpaid rewards in the run's scope per worker, in worker-id order, within a range
 * of worker ids (a partition's, or every id there can be, 0 and below included). What decides a
 * worker's payout is read again, and locked, by the chunk that pays ({@link PayoutWriter}). On
 * restart it resumes after the last worker of the last committed chunk: counting rows to skip
 * would be wrong, because the workers paid before the failure are no longer in the result. The
 * key lives in the step execution's context, so every partition resumes on its own. The cursor is
 * read a chunk or two ahead, on a thread of its own ({@link ReadAhead}): the key is the last
 * worker handed to a chunk, not the last one fetched.
 */
class UnpaidRewardsReader implements ItemStreamReader<UnpaidRewards> {

    private static final String LAST_WORKER = "lastWorkerId";
    private static final int FETCH_SIZE = 1_000;
    private static final String SQL = UnpaidRewards.SELECT + " and r.worker_id between ? and ?" + UnpaidRewards.GROUPED;

    private final DataSource dataSource;
    private final PayoutRun run;
    private final WorkerRange range;
    private JdbcCursorItemReader<UnpaidRewards> cursor;
    private ReadAhead<UnpaidRewards> ahead;
    /** The last worker read, or null before the first. */
    private Long lastWorkerId;

    UnpaidRewardsReader(DataSource dataSource, PayoutRun run, WorkerRange range) {
        this.dataSource = dataSource;
        this.run = run;
        this.range = range;
    }

    @Override
    public void open(ExecutionContext context) throws ItemStreamException {
        lastWorkerId = context.containsKey(LAST_WORKER) ? context.getLong(LAST_WORKER) : null;
        if (lastWorkerId != null && lastWorkerId == range.last()) {
            return;
        }
        // the range's ends are ids too: no arithmetic on them can overflow
        long from = lastWorkerId == null ? range.first() : lastWorkerId + 1;
        cursor = new JdbcCursorItemReader<>(dataSource, SQL, UnpaidRewards::map);
        cursor.setPreparedStatementSetter(statement -> {
            int next = RunScope.bindPayable(statement, 1, run);
            statement.setLong(next, from);
            statement.setLong(next + 1, range.last());
        });
        // PostgreSQL streams a result only inside a transaction and with a fetch size
        cursor.setConnectionAutoCommit(false);
        cursor.setFetchSize(FETCH_SIZE);
        cursor.setSaveState(false);
        cursor.setVerifyCursorPosition(false);
        cursor.open(new ExecutionContext());
        ahead = new ReadAhead<>(cursor, 2 * FETCH_SIZE, "balances-of-" + Thread.currentThread().getName());
    }

    @Override
    public UnpaidRewards read() throws Exception {
        if (ahead == null) {
            return null;
        }
        UnpaidRewards next = ahead.take();
        if (next != null) {
            lastWorkerId = next.workerId();
        }
        return next;
    }

    @Override
    public void update(ExecutionContext context) throws ItemStreamException {
        if (lastWorkerId != null) {
            context.putLong(LAST_WORKER, lastWorkerId);
        }
    }

    @Override
    public void close() throws ItemStreamException {
        if (ahead != null) {
            ahead.close();
            ahead = null;
        }
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}

package jp.crowdpay.jobs.payout.paying;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import jp.crowdpay.jobs.bankfile.account.RawBankAccount;
import jp.crowdpay.jobs.payout.rules.LockedRowsRule;
import jp.crowdpay.jobs.payout.rules.WithdrawalMethod;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes, in a chunk's transaction, the rows the platform writes that decide the chunk's workers:
 * each worker's row and bank account, FOR SHARE, so that no change to them commits before the
 * chunk does. It never waits on the platform while it holds any of them:
 * <ol>
 * <li>it takes every row that is free at once (SKIP LOCKED);</li>
 * <li>if another transaction holds some, it gives back all it took (its savepoint), waits for
 * those rows one by one, up to the lock timeout in all, holding nothing, and takes them all
 * again;</li>
 * <li>once the timeout has passed, it keeps what it could take and reports the workers whose rows
 * another transaction still holds: their chunk sets them aside for a later try.</li>
 * </ol>
 * So a platform write waits for a chunk only while that chunk decides and commits, and a chunk
 * waits for the platform at most the lock timeout.
 */
public class PlatformRows {

    /** What the platform stores about a worker that decides the payout. */
    record WorkerState(WithdrawalMethod method, boolean onHold) {
    }

    /**
     * The account as stored, with the bank master's names for its bank and branch (null without
     * them), and the worker's accounts that a transfer came back from (flagged by import-returns).
     */
    record StoredAccount(RawBankAccount raw, String bankName, String branchName, List<RawBankAccount> returnedFrom) {
    }

    /** A row another transaction held past the timeout: its table, and its holder when last seen (null: not known). */
    record Held(String table, String holder) {
    }

    /**
     * The rows taken, locked until the chunk's transaction ends, and the workers whose rows were
     * held by others: nothing of theirs is taken.
     */
    record Taken(Map<Long, WorkerState> workers, Map<Long, StoredAccount> accounts, Map<Long, Held> held) {
    }

    static final String WORKER = "worker";
    static final String BANK_ACCOUNT = "bank_account";
    /** PostgreSQL's lock_not_available: a lock timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private final LockWaitLog waits;
    private final Duration timeout;
    private final String step;

    /** @param savepoint a template with PROPAGATION_NESTED: a savepoint inside the chunk's transaction */
    PlatformRows(JdbcTemplate jdbc, TransactionTemplate savepoint, LockWaitLog waits, Duration timeout, String step) {
        this.jdbc = jdbc;
        this.savepoint = savepoint;
        this.waits = waits;
        this.timeout = timeout;
        this.step = step;
    }

    /** @param chunk which workers these are, for the log ("in the chunk of workers 1 to 1000") */
    Taken take(Long[] workerIds, String chunk) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<Long, String> holders = new HashMap<>();
        while (true) {
            boolean[] gaveBack = {false};
            Taken taken = savepoint.execute(status -> {
                Taken free = takeFree(workerIds);
                if (!free.held().isEmpty() && System.nanoTime() < deadline) {
                    status.setRollbackOnly();
                    gaveBack[0] = true;
                }
                return free;
            });
            if (!gaveBack[0]) {
                // back to the session's own value: the rest of the chunk touches no platform row
                jdbc.execute("set local lock_timeout to default");
                return withHolders(taken, holders);
            }
            awaitFree(taken.held(), deadline, chunk, holders);
        }
    }

    /** Every row of the workers that no other transaction holds, taken; the workers with a row held, reported. */
    private Taken takeFree(Long[] workerIds) {
        // the rows are never waited for here; a table another transaction locks whole (DDL) is, up to the timeout
        jdbc.queryForObject("select set_config('lock_timeout', ?, true)", String.class,
                LockedRowsRule.lockTimeoutSetting(timeout));
        Map<Long, WorkerState> workers = new HashMap<>();
        jdbc.query("select id, withdrawal_method, payout_hold from worker where id = any(?) order by id for share skip locked",
                rs -> {
                    workers.put(rs.getLong(1), new WorkerState(WithdrawalMethod.valueOf(rs.getString(2)), rs.getBoolean(3)));
                },
                (Object) workerIds);
        Map<Long, List<RawBankAccount>> flagged = returnedAccounts(workerIds);
        Map<Long, StoredAccount> accounts = new HashMap<>();
        jdbc.query("""
                select b.worker_id, b.bank_code, b.branch_code, b.account_type, b.account_number, b.payee_name,
                       bank.zengin_name as bank_name, branch.zengin_name as branch_name
                from bank_account b
                left join bank on bank.code = b.bank_code
                left join bank_branch branch on branch.bank_code = b.bank_code and branch.code = b.branch_code
                where b.worker_id = any(?)
                order by b.worker_id
                for share of b skip locked""",
                rs -> {
                    accounts.put(rs.getLong("worker_id"), new StoredAccount(new RawBankAccount(
                            rs.getString("bank_code"), rs.getString("branch_code"), rs.getObject("account_type", Integer.class),
                            rs.getString("account_number"), rs.getString("payee_name")),
                            rs.getString("bank_name"), rs.getString("branch_name"),
                            flagged.getOrDefault(rs.getLong("worker_id"), List.of())));
                },
                (Object) workerIds);
        Map<Long, Held> held = new TreeMap<>();
        // every worker with rewards has a row (a foreign key): one that was not returned is held
        Arrays.stream(workerIds).filter(id -> !workers.containsKey(id)).forEach(id -> held.put(id, new Held(WORKER, null)));
        Long[] withoutAccount = Arrays.stream(workerIds)
                .filter(id -> workers.containsKey(id) && !accounts.containsKey(id)).toArray(Long[]::new);
        if (withoutAccount.length > 0) {
            // a worker may have no account at all; one whose account is there but was not returned has it held
            jdbc.queryForList("select worker_id from bank_account where worker_id = any(?)", Long.class, (Object) withoutAccount)
                    .forEach(id -> held.put(id, new Held(BANK_ACCOUNT, null)));
        }
        held.keySet().forEach(workers::remove);
        return new Taken(workers, accounts, held);
    }

    /** The accounts a transfer to the workers came back from, by worker, as import-returns flagged them. */
    private Map<Long, List<RawBankAccount>> returnedAccounts(Long[] workerIds) {
        Map<Long, List<RawBankAccount>> flagged = new HashMap<>();
        jdbc.query("""
                select worker_id, bank_code, branch_code, account_type, account_number, payee_name
                from returned_account where worker_id = any(?)""",
                rs -> {
                    flagged.computeIfAbsent(rs.getLong("worker_id"), worker -> new ArrayList<>()).add(new RawBankAccount(
                            rs.getString("bank_code"), rs.getString("branch_code"), rs.getInt("account_type"),
                            rs.getString("account_number"), rs.getString("payee_name")));
                },
                (Object) workerIds);
        return flagged;
    }

    /**
     * Waits, holding nothing, for each held row to be free, until the deadline: a row that is free
     * is given back at once (its savepoint), to be taken with the others.
     */
    private void awaitFree(Map<Long, Held> held, long deadline, String chunk, Map<Long, String> holders) {
        int backendPid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
        for (Map.Entry<Long, Held> row : held.entrySet()) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0) {
                return;
            }
            String table = row.getValue().table();
            String sql = table.equals(WORKER) ? "select 1 from worker where id = ? for share"
                    : "select 1 from bank_account where worker_id = ? for share";
            LockWaitLog.Wait wait = waits.begin(step, table, "worker " + row.getKey() + " " + chunk, backendPid,
                    Duration.ofNanos(remaining));
            try {
                savepoint.executeWithoutResult(status -> {
                    jdbc.queryForObject("select set_config('lock_timeout', ?, true)", String.class,
                            LockedRowsRule.lockTimeoutSetting(Duration.ofNanos(remaining)));
                    jdbc.queryForList(sql, Integer.class, row.getKey());
                    status.setRollbackOnly();
                });
            } catch (DataAccessException failed) {
                if (!lockTimeout(failed)) {
                    throw failed;
                }
                return;
            } finally {
                wait.close();
                if (wait.holder() != null) {
                    holders.put(row.getKey(), wait.holder());
                }
            }
        }
    }

    private static Taken withHolders(Taken taken, Map<Long, String> holders) {
        if (taken.held().isEmpty()) {
            return taken;
        }
        Map<Long, Held> held = new TreeMap<>();
        taken.held().forEach((id, row) -> held.put(id, new Held(row.table(), holders.get(id))));
        return new Taken(taken.workers(), taken.accounts(), held);
    }

    public static boolean lockTimeout(Throwable failure) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable cause = failure; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}

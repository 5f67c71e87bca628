package jp.crowdpay.jobs.runs;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Resources that every run of a job uses from its start to its end and that another command
 * replaces whole, such as the bank master. A run shares the resource for as long as it holds its
 * lease ({@link ExclusiveJobLauncher#exclusively(String, String, java.util.function.Consumer,
 * java.util.function.Supplier)}); the replacing command takes it alone for its transaction, and
 * is refused, not kept waiting, while a run shares it. PostgreSQL advisory locks, so the
 * database drops them with a dead process.
 */
@Component
public class SharedResources {

    private final JdbcTemplate jdbc;

    public SharedResources(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes {@code resource} alone until the caller's transaction ends, if no run shares it (and
     * no other command holds it); returns whether it did. Never waits.
     */
    public boolean tryTakeAloneForTransaction(String resource) {
        if (!TransactionSynchronizationManager.isActualTransactionActive()) {
            throw new IllegalStateException("taking " + resource + " needs a transaction to hold it");
        }
        return Boolean.TRUE.equals(jdbc.queryForObject("select pg_try_advisory_xact_lock(?, hashtext(?))",
                Boolean.class, SingleRunGuard.KEY_SPACE, resource));
    }

    /** " (lock held by ... since ...)" naming a process that holds {@code resource}, or "" when none does. */
    public String holder(String resource) {
        return jdbc.execute((ConnectionCallback<String>) connection -> SingleRunGuard.holder(connection, resource));
    }
}

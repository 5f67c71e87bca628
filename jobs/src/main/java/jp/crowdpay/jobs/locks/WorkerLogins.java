package jp.crowdpay.jobs.locks;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import jp.crowdpay.jobs.locks.LockDurationPolicy.Decision;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Whether workers can log in, judged by the rules of the lock release: other features (the
 * expiry notices) need to know who is locked out and whether the release job will ever free them.
 */
@Repository
public class WorkerLogins {

    private final JdbcTemplate jdbc;
    private final LockDurationPolicy policy;

    public WorkerLogins(JdbcTemplate jdbc, LockReleaseProperties settings) {
        this.jdbc = jdbc;
        this.policy = settings.policy();
    }

    /** The locked workers among {@code workerIds}, each with the lock that keeps them out longest. */
    public Map<Long, Lockout> lockedOut(Collection<Long> workerIds, Instant asOf) {
        Map<Long, Lockout> locked = new TreeMap<>();
        if (workerIds.isEmpty()) {
            return locked;
        }
        // the views of the workers' locks (sql/V14): a role that may not read the login service's tables reads these
        jdbc.query("""
                select a.worker_id, a.account_id as id, a.locked_at, a.lock_reason,
                       array(select h.locked_at from worker_login_lock_history h
                             where h.account_id = a.account_id and h.lock_reason = ?
                               and h.locked_at < a.locked_at
                               and h.locked_at >= a.locked_at - make_interval(secs => ?)) as earlier_automatic_locks
                from worker_login_lock a
                where a.worker_id = any(?)
                order by a.worker_id, a.account_id""",
                rs -> {
                    long workerId = rs.getLong("worker_id");
                    LockedAccount account = LockReleaseStore.lockedAccount(rs);
                    Decision decision = policy.assess(account.lockReason(), account.lockedAt(),
                            account.earlierAutomaticLocks(), asOf).decision();
                    Lockout lockout = new Lockout(account.lockReason(), supportNeeded(decision));
                    locked.merge(workerId, lockout, (first, other) -> first.supportLock().isPresent() ? first : other);
                },
                LockDurationPolicy.AUTOMATIC, LockDurationPolicy.WINDOW.toSeconds(), workerIds.toArray(Long[]::new));
        return locked;
    }

    /** The decisions that leave an account locked until a person acts. */
    private static Optional<Decision> supportNeeded(Decision decision) {
        return switch (decision) {
            case NEEDS_SUPPORT, STAFF_LOCK, CANNOT_JUDGE -> Optional.of(decision);
            case RELEASE, NOT_YET_STALE -> Optional.empty();
        };
    }

    /**
     * @param lockReason  as the login service set it
     * @param supportLock why only support can unlock the worker; empty when the lock release will
     */
    public record Lockout(String lockReason, Optional<Decision> supportLock) {
    }
}

package jp.crowdpay.jobs.locks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

/** The history the escalation rule counts: every lock, written by the database as it happens. */
class LoginLockHistoryTest extends LockReleaseScenario {

    private static final Instant T = Instant.parse("2025-04-01T03:00:00Z");

    private int historyRows() {
        return jdbc.queryForObject("select count(*) from login_lock_history", Integer.class);
    }

    @Test
    void everyLockIsRecordedButNotUnlocksNorCounterChanges() {
        // given an account created unlocked
        jdbc.update("insert into login_account (id) values (1)");
        // when the login service counts failures, locks, unlocks and locks again
        jdbc.update("update login_account set failed_attempts = 4 where id = 1");
        jdbc.update("update login_account set failed_attempts = 5, locked_at = ?, lock_reason = 'FAILED_ATTEMPTS' where id = 1", at(T));
        jdbc.update("update login_account set failed_attempts = 6 where id = 1");
        jdbc.update("update login_account set locked_at = null, lock_reason = null, failed_attempts = 0 where id = 1");
        jdbc.update("update login_account set locked_at = ?, lock_reason = 'FAILED_ATTEMPTS' where id = 1", at(T.plusSeconds(60)));
        // then two locks are recorded
        assertThat(historyRows()).isEqualTo(2);
    }

    @Test
    void lockInsertedLockedAndLockEscalatedByStaffAreRecorded() {
        // given
        lockedAutomatically(1, T);
        // when staff escalate the same lock to a security lock
        jdbc.update("update login_account set lock_reason = 'SECURITY' where id = 1");
        // then
        assertThat(jdbc.queryForList("select lock_reason from login_lock_history order by id", String.class))
                .containsExactly("FAILED_ATTEMPTS", "SECURITY");
    }

    @Test
    void lockWithoutReasonOrUnknownReasonIsRefused() {
        assertThatThrownBy(() -> jdbc.update("insert into login_account (id, locked_at) values (1, now())"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("insert into login_account (id, locked_at, lock_reason) values (1, now(), 'TIMEOUT')"))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThatThrownBy(() -> jdbc.update("insert into login_account (id, lock_reason) values (1, 'ADMIN')"))
                .isInstanceOf(DataIntegrityViolationException.class);
    }
}

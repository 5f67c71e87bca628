package jp.crowdpay.jobs.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

// a cap of 6 h is reached with 3 earlier locks, below the support threshold of 5
@TestPropertySource(properties = {"locks.max-duration=6h", "locks.max-releases-per-run=5"})
class LockReleaseJobTest extends LockReleaseScenario {

    private static final Instant AS_OF = Instant.parse("2025-04-01T03:00:00Z");
    private static final Duration HOUR = Duration.ofHours(1);

    @Test
    void automaticLockIsReleasedExactlyAtItsDurationAndAudited() {
        // given a first automatic lock exactly one base duration before as-of
        lockedAutomatically(1, AS_OF.minus(HOUR));
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString());
        // then the lock is gone, the counter reset, and the release recorded against the run
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForMap("select locked_at, lock_reason, failed_attempts from login_account where id = 1"))
                .containsEntry("locked_at", null).containsEntry("lock_reason", null).containsEntry("failed_attempts", 0);
        Map<String, Object> event = jdbc.queryForMap("select e.account_id, e.lock_reason, e.locked_at = ? as same_lock, r.as_of = ? as same_run"
                + " from lock_release_event e join lock_release_run r on r.id = e.run_id", at(AS_OF.minus(HOUR)), at(AS_OF));
        assertThat(event).containsEntry("account_id", 1L).containsEntry("lock_reason", "FAILED_ATTEMPTS")
                .containsEntry("same_lock", true).containsEntry("same_run", true);
        assertThat(run.summary()).contains("scanned=1", "released=1", "changed_while_running=0");
    }

    @Test
    void automaticLockOneSecondShortOfItsDurationIsKept() {
        // given
        lockedAutomatically(1, AS_OF.minus(HOUR).plusSeconds(1));
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString());
        // then
        assertThat(isLocked(1)).isTrue();
        assertThat(releasedAccounts()).isEmpty();
        assertThat(run.summary()).contains("released=0", "not_yet_stale=1");
    }

    @Test
    void durationDoublesPerEarlierAutomaticLockInThirtyDaysUpToTheCap() {
        // given accounts with 0, 1, 2, 3 earlier automatic locks, each locked last exactly its
        // duration (1 h, 2 h, 4 h, 8 h capped to 6 h) before as-of, and twins one second short
        Duration[] durations = {HOUR, HOUR.multipliedBy(2), HOUR.multipliedBy(4), HOUR.multipliedBy(6)};
        for (int earlier = 0; earlier < durations.length; earlier++) {
            for (Instant lockedAt : new Instant[] {AS_OF.minus(durations[earlier]), AS_OF.minus(durations[earlier]).plusSeconds(1)}) {
                Instant[] locks = new Instant[earlier + 1];
                for (int i = 0; i < earlier; i++) {
                    locks[i] = lockedAt.minus(Duration.ofDays(earlier - i));
                }
                locks[earlier] = lockedAt;
                long accountId = 10L * (earlier + 1) + (lockedAt.equals(AS_OF.minus(durations[earlier])) ? 0 : 1);
                lockedAutomatically(accountId, locks);
            }
        }
        // when
        releaseLocks("--as-of", AS_OF.toString());
        // then only the ones exactly at their duration are released
        assertThat(releasedAccounts()).containsExactly(10L, 20L, 30L, 40L);
    }

    @Test
    void automaticLockThirtyDaysOrMoreBeforeIsNotCounted() {
        // given an earlier lock exactly 30 × 24 h before, so the base duration applies
        Instant lockedAt = AS_OF.minus(HOUR);
        lockedAutomatically(1, lockedAt.minus(Duration.ofHours(720)), lockedAt);
        // and one a second inside the 30 days, so the duration doubles
        lockedAutomatically(2, lockedAt.minus(Duration.ofHours(720)).plusSeconds(1), lockedAt);
        // when
        releaseLocks("--as-of", AS_OF.toString());
        // then
        assertThat(releasedAccounts()).containsExactly(1L);
    }

    @Test
    void accountLockedMoreThanTheSupportThresholdIsLeftForSupportHoweverOld() {
        // given a sixth automatic lock in 30 days (threshold 5), a year old; and a fifth
        Instant sixthAt = AS_OF.minus(Duration.ofDays(365));
        lockedAutomatically(1, sixthAt.minus(Duration.ofDays(5)), sixthAt.minus(Duration.ofDays(4)),
                sixthAt.minus(Duration.ofDays(3)), sixthAt.minus(Duration.ofDays(2)), sixthAt.minus(Duration.ofDays(1)), sixthAt);
        Instant fifthAt = AS_OF.minus(Duration.ofHours(6));
        lockedAutomatically(2, fifthAt.minus(Duration.ofDays(4)), fifthAt.minus(Duration.ofDays(3)),
                fifthAt.minus(Duration.ofDays(2)), fifthAt.minus(Duration.ofDays(1)), fifthAt);
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString());
        // then
        assertThat(isLocked(1)).isTrue();
        assertThat(releasedAccounts()).containsExactly(2L);
        assertThat(run.out()).contains("needs support: account 1, 6 automatic locks");
        assertThat(run.summary()).contains("needs_support=1", "released=1");
    }

    @Test
    void staffLocksAreNeverReleasedHoweverOld() {
        // given staff locks ten years old
        lockedByStaff(1, "ADMIN", AS_OF.minus(Duration.ofDays(3650)));
        lockedByStaff(2, "SECURITY", AS_OF.minus(Duration.ofDays(3650)));
        var before = table("login_account");
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString());
        // then
        assertThat(table("login_account")).isEqualTo(before);
        assertThat(releasedAccounts()).isEmpty();
        assertThat(run.summary()).contains("scanned=2", "staff_locks_left_alone=2", "released=0");
    }

    @Test
    void dryRunListsWhatWouldBeReleasedAndChangesNothing() {
        // given a stale lock, a fresh one and a staff lock
        lockedAutomatically(1, AS_OF.minus(Duration.ofDays(1)));
        lockedAutomatically(2, AS_OF.minusSeconds(60));
        lockedByStaff(3, "ADMIN", AS_OF.minus(Duration.ofDays(1)));
        var accountsBefore = table("login_account");
        var historyBefore = table("login_lock_history");
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString(), "--dry-run");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("would release account 1:").doesNotContain("would release account 2", "would release account 3");
        assertThat(run.summary()).contains("dry_run=true", "stale=1", "released=0");
        assertThat(table("login_account")).isEqualTo(accountsBefore);
        assertThat(table("login_lock_history")).isEqualTo(historyBefore);
        assertThat(table("lock_release_event")).isEmpty();
    }

    @Test
    void runThatWouldReleaseMoreThanTheCapReleasesNothing() {
        // given six stale locks and a cap of five per run
        for (long id = 1; id <= 6; id++) {
            lockedAutomatically(id, AS_OF.minus(Duration.ofDays(1)));
        }
        var before = table("login_account");
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString());
        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("6 stale locks exceed locks.max-releases-per-run=5", "nothing was released");
        assertThat(table("login_account")).isEqualTo(before);
        assertThat(table("lock_release_event")).isEmpty();
        assertThat(jdbc.queryForObject("select stop_reason from lock_release_run", String.class)).contains("max-releases-per-run");
    }

    @Test
    void asOfBeyondTheClockSkewAllowanceIsRefused() {
        // given
        lockedAutomatically(1, Instant.now().minus(Duration.ofDays(1)));
        // when
        CliRun tooLate = releaseLocks("--as-of", Instant.now().plus(Duration.ofMinutes(6)).toString());
        CliRun withinSkew = releaseLocks("--as-of", Instant.now().plus(Duration.ofMinutes(4)).toString());
        // then
        assertThat(tooLate.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(tooLate.err()).contains("in the future", "locks.clock-skew");
        assertThat(withinSkew.exitCode()).isEqualTo(ExitCodes.OK);
    }

    @Test
    void sameAsOfAgainIsAlreadyDone() {
        // given a completed run
        lockedAutomatically(1, AS_OF.minus(Duration.ofDays(1)));
        releaseLocks("--as-of", AS_OF.toString());
        // when
        CliRun again = releaseLocks("--as-of", AS_OF.toString());
        // then
        assertThat(again.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(again.out()).contains("already done", "released=1");
        assertThat(releasedAccounts()).containsExactly(1L);
    }

    @Test
    void runWithoutAsOfReleasesWhatIsStaleNow() {
        // given
        lockedAutomatically(1, Instant.now().minus(Duration.ofHours(2)));
        // when
        CliRun run = releaseLocks();
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(releasedAccounts()).containsExactly(1L);
    }
}

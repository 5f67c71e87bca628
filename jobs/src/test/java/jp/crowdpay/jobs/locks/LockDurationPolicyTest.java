package jp.crowdpay.jobs.locks;

import static jp.crowdpay.jobs.locks.LockDurationPolicy.Decision.CANNOT_JUDGE;
import static jp.crowdpay.jobs.locks.LockDurationPolicy.Decision.NEEDS_SUPPORT;
import static jp.crowdpay.jobs.locks.LockDurationPolicy.Decision.NOT_YET_STALE;
import static jp.crowdpay.jobs.locks.LockDurationPolicy.Decision.RELEASE;
import static jp.crowdpay.jobs.locks.LockDurationPolicy.Decision.STAFF_LOCK;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LockDurationPolicyTest {

    private static final Instant LOCKED_AT = Instant.parse("2025-04-01T03:00:00Z");
    private final LockDurationPolicy policy = new LockDurationPolicy(Duration.ofHours(1), Duration.ofHours(24), 5);

    @Test
    void lockIsReleasedExactlyWhenItsDurationHasPassed() {
        // given a first automatic lock, whose duration is the base hour
        // when assessed exactly one hour later
        var assessment = policy.assess("FAILED_ATTEMPTS", LOCKED_AT, List.of(), LOCKED_AT.plus(Duration.ofHours(1)));
        // then
        assertThat(assessment.decision()).isEqualTo(RELEASE);
        assertThat(assessment.staleAt()).isEqualTo(LOCKED_AT.plus(Duration.ofHours(1)));
    }

    @Test
    void lockOneSecondShortOfItsDurationIsKept() {
        // given a first automatic lock
        // when assessed one second before its hour is up
        var assessment = policy.assess("FAILED_ATTEMPTS", LOCKED_AT, List.of(), LOCKED_AT.plusSeconds(3599));
        // then
        assertThat(assessment.decision()).isEqualTo(NOT_YET_STALE);
    }

    @ParameterizedTest(name = "{0} earlier locks in 30 days: {1}")
    @CsvSource({"0, PT1H", "1, PT2H", "2, PT4H", "3, PT8H", "4, PT16H"})
    void durationDoublesForEveryEarlierAutomaticLockInThirtyDays(int earlier, Duration expected) {
        // given that many earlier automatic locks, one hour apart, just before this one
        List<Instant> earlierLocks = IntStream.rangeClosed(1, earlier).mapToObj(i -> LOCKED_AT.minus(Duration.ofHours(i))).toList();
        // when
        var atDuration = policy.assess("FAILED_ATTEMPTS", LOCKED_AT, earlierLocks, LOCKED_AT.plus(expected));
        var secondShort = policy.assess("FAILED_ATTEMPTS", LOCKED_AT, earlierLocks, LOCKED_AT.plus(expected).minusSeconds(1));
        // then
        assertThat(atDuration.earlierAutomaticLocks()).isEqualTo(earlier);
        assertThat(atDuration.decision()).isEqualTo(RELEASE);
        assertThat(secondShort.decision()).isEqualTo(NOT_YET_STALE);
    }

    @Test
    void durationIsCapped() {
        // given a cap below base × 2^4
        var capped = new LockDurationPolicy(Duration.ofHours(1), Duration.ofHours(6), 5);
        // when / then
        assertThat(capped.duration(2)).isEqualTo(Duration.ofHours(4));
        assertThat(capped.duration(3)).isEqualTo(Duration.ofHours(6));
        assertThat(capped.duration(4)).isEqualTo(Duration.ofHours(6));
        assertThat(capped.duration(Integer.MAX_VALUE)).isEqualTo(Duration.ofHours(6));
    }

    @Test
    void lockExactlyThirtyDaysEarlierIsNotCountedButOneSecondLaterIs() {
        // given earlier locks at exactly 30 × 24 h and at one second less before this lock
        Instant thirtyDaysBefore = LOCKED_AT.minus(Duration.ofHours(720));
        // when / then
        assertThat(LockDurationPolicy.earlierLocksInWindow(LOCKED_AT, List.of(thirtyDaysBefore))).isZero();
        assertThat(LockDurationPolicy.earlierLocksInWindow(LOCKED_AT, List.of(thirtyDaysBefore.plusSeconds(1)))).isOne();
    }

    @Test
    void thisLockAndLaterLocksAreNotEarlierLocks() {
        // given history entries at and after this lock (the trigger records the lock itself)
        // when / then
        assertThat(LockDurationPolicy.earlierLocksInWindow(LOCKED_AT, List.of(LOCKED_AT, LOCKED_AT.plusSeconds(1)))).isZero();
    }

    @Test
    void fifthAutomaticLockInThirtyDaysIsStillReleased() {
        // given four earlier automatic locks: five in 30 days, the threshold
        List<Instant> earlier = IntStream.rangeClosed(1, 4).mapToObj(i -> LOCKED_AT.minus(Duration.ofDays(i))).toList();
        // when
        var assessment = policy.assess("FAILED_ATTEMPTS", LOCKED_AT, earlier, LOCKED_AT.plus(Duration.ofHours(16)));
        // then
        assertThat(assessment.decision()).isEqualTo(RELEASE);
    }

    @Test
    void sixthAutomaticLockInThirtyDaysNeedsSupportHoweverOld() {
        // given five earlier automatic locks: six in 30 days, more than the threshold
        List<Instant> earlier = IntStream.rangeClosed(1, 5).mapToObj(i -> LOCKED_AT.minus(Duration.ofDays(i))).toList();
        // when assessed a year later
        var assessment = policy.assess("FAILED_ATTEMPTS", LOCKED_AT, earlier, LOCKED_AT.plus(Duration.ofDays(365)));
        // then
        assertThat(assessment.decision()).isEqualTo(NEEDS_SUPPORT);
        assertThat(assessment.staleAt()).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ADMIN", "SECURITY"})
    void staffLocksAreNeverStaleHoweverOld(String reason) {
        // given a staff lock ten years old
        // when
        var assessment = policy.assess(reason, LOCKED_AT, List.of(), LOCKED_AT.plus(Duration.ofDays(3650)));
        // then
        assertThat(assessment.decision()).isEqualTo(STAFF_LOCK);
    }

    @Test
    void automaticLockAtInfinityOrMinusInfinityCannotBeJudgedAndStaffLockThereStaysAStaffLock() {
        // given locks stored at infinity and -infinity, which the store reads as Instant.MAX and MIN
        // when
        var atInfinity = policy.assess("FAILED_ATTEMPTS", Instant.MAX, List.of(), LOCKED_AT);
        var atMinusInfinity = policy.assess("FAILED_ATTEMPTS", Instant.MIN, List.of(LOCKED_AT), LOCKED_AT);
        var staffAtInfinity = policy.assess("ADMIN", Instant.MAX, List.of(), LOCKED_AT);
        // then
        assertThat(atInfinity.decision()).isEqualTo(CANNOT_JUDGE);
        assertThat(atMinusInfinity.decision()).isEqualTo(CANNOT_JUDGE);
        assertThat(atMinusInfinity.staleAt()).isNull();
        assertThat(staffAtInfinity.decision()).isEqualTo(STAFF_LOCK);
    }
}

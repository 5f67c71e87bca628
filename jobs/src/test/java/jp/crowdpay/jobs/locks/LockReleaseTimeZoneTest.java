package jp.crowdpay.jobs.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The rules are about instants: they must not move with the JVM's zone (here UTC+14) nor with
 * the database session's (here New York, which has daylight saving time), nor with the offset
 * a lock was written in.
 */
@TestPropertySource(properties = "spring.datasource.hikari.connection-init-sql=set time zone 'America/New_York'")
class LockReleaseTimeZoneTest extends LockReleaseScenario {

    private static TimeZone jvmZone;

    @BeforeAll
    static void jvmFarFromUtc() {
        jvmZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
    }

    @AfterAll
    static void jvmZoneRestored() {
        TimeZone.setDefault(jvmZone);
    }

    @Test
    void sessionsUnderTestAreInOtherZones() {
        assertThat(jdbc.queryForObject("show time zone", String.class)).isEqualTo("America/New_York");
        assertThat(TimeZone.getDefault().getID()).isEqualTo("Pacific/Kiritimati");
    }

    @Test
    void lockWrittenInTokyoTimeIsReleasedExactlyAtItsDuration() {
        // given locks written by a login service that speaks Japan time
        jdbc.update("insert into login_account (id, locked_at, lock_reason) values"
                + " (1, '2025-04-01 11:00:00+09', 'FAILED_ATTEMPTS'), (2, '2025-04-01 11:00:01+09', 'FAILED_ATTEMPTS')");
        // when as of 12:00 in Tokyo, given in UTC
        releaseLocks("--as-of", "2025-04-01T03:00:00Z");
        // then exactly one hour has passed for account 1, one second less for account 2
        assertThat(releasedAccounts()).containsExactly(1L);
        assertThat(isLocked(2)).isTrue();
    }

    @Test
    void thirtyDaysAreThirtyTimesTwentyFourHoursAcrossDaylightSavingTime() {
        // given a lock 719.5 hours after an earlier one, with New York's spring-forward between:
        // counted (30 × 24 h), though it is more than "30 days" by the New York calendar
        Instant lockedAt = Instant.parse("2025-03-20T12:00:00Z");
        lockedAutomatically(1, lockedAt.minus(Duration.ofMinutes(719 * 60 + 30)), lockedAt);
        // when
        releaseLocks("--as-of", lockedAt.plus(Duration.ofHours(1)).toString());
        // then the duration doubled to two hours: not released after one
        assertThat(isLocked(1)).isTrue();
        // and after two hours it is
        releaseLocks("--as-of", lockedAt.plus(Duration.ofHours(2)).toString());
        assertThat(releasedAccounts()).containsExactly(1L);
    }

    @Test
    void lockDurationSpanningTheClockChangeIsElapsedTime() {
        // given a first lock at 01:30 New York time, the night the clocks jump from 02:00 to 03:00
        Instant lockedAt = Instant.parse("2025-03-09T06:30:00Z");
        lockedAutomatically(1, lockedAt);
        // when as of 03:29:59 New York time: 59 minutes 59 seconds later
        releaseLocks("--as-of", lockedAt.plus(Duration.ofHours(1)).minusSeconds(1).toString());
        // then it is kept, though the wall clock moved two hours
        assertThat(isLocked(1)).isTrue();
    }
}

package jp.crowdpay.jobs.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import jp.crowdpay.jobs.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records the job cannot judge, and an --as-of out of range: one odd record never stops the
 * release of everyone else's lock, and a bad option touches nothing.
 */
class LockReleaseOddRecordsTest extends LockReleaseScenario {

    private static final Instant AS_OF = Instant.parse("2025-04-01T03:00:00Z");

    /** Accounts 1 and 5 stale, 2 and 3 locked at no point in time, 4 a staff lock at infinity. */
    private void stalePlusLocksAtInfinity() {
        lockedAutomatically(1, AS_OF.minus(Duration.ofDays(1)));
        jdbc.update("insert into login_account (id, failed_attempts, locked_at, lock_reason) values"
                + " (2, 5, 'infinity', 'FAILED_ATTEMPTS'), (3, 5, '-infinity', 'FAILED_ATTEMPTS'), (4, 0, 'infinity', 'ADMIN')");
        lockedAutomatically(5, AS_OF.minus(Duration.ofDays(2)));
    }

    @Test
    void lockAtInfinityOrMinusInfinityIsReportedAndLeftAloneWhileTheOthersAreReleased() {
        // given
        stalePlusLocksAtInfinity();
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(releasedAccounts()).containsExactly(1L, 5L);
        assertThat(jdbc.queryForList("select id || ' ' || locked_at::text || ' ' || lock_reason from login_account"
                + " where locked_at is not null order by id", String.class))
                .containsExactly("2 infinity FAILED_ATTEMPTS", "3 -infinity FAILED_ATTEMPTS", "4 infinity ADMIN");
        assertThat(run.out()).contains("cannot judge account 2: locked_at is infinity, not a point in time; left locked")
                .contains("cannot judge account 3: locked_at is -infinity, not a point in time; left locked");
        assertThat(run.summary()).contains("scanned=5", "stale=2", "released=2", "staff_locks_left_alone=1", "cannot_judge=2");
        assertThat(jdbc.queryForList("select account_id || ' ' || decision || ' ' || locked_at::text from lock_release_plan"
                + " where decision in ('CANNOT_JUDGE', 'STAFF_LOCK') order by account_id", String.class))
                .containsExactly("2 CANNOT_JUDGE infinity", "3 CANNOT_JUDGE -infinity", "4 STAFF_LOCK infinity");
    }

    @Test
    void dryRunReportsTheLocksItCannotJudgeToo() {
        // given
        stalePlusLocksAtInfinity();
        var before = table("login_account");
        // when
        CliRun run = releaseLocks("--as-of", AS_OF.toString(), "--dry-run");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("would release account 1:", "would release account 5:",
                "cannot judge account 2:", "cannot judge account 3:");
        assertThat(run.summary()).contains("dry_run=true", "stale=2", "cannot_judge=2");
        assertThat(table("login_account")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = {"+9999999-01-01T00:00:00Z", "-9999999-01-01T00:00:00Z", "-4714-01-01T00:00:00Z",
            "1969-12-31T23:59:59Z"})
    void asOfFarOutOfRangeIsRefusedAsBadUsageNamingTheOption(String asOf) {
        // given
        lockedAutomatically(1, AS_OF.minus(Duration.ofDays(1)));
        // when
        CliRun run = releaseLocks("--as-of", asOf);
        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).startsWith("error: --as-of ").contains("nothing was touched").hasLineCount(1);
        assertThat(table("lock_release_run")).isEmpty();
        assertThat(isLocked(1)).isTrue();
    }

    @Test
    void asOfAtTheStartOf1970IsTheEarliestAccepted() {
        // when
        CliRun run = releaseLocks("--as-of", "1970-01-01T00:00:00Z");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
    }
}

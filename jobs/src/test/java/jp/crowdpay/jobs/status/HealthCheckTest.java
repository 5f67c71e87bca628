package jp.crowdpay.jobs.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    private static final HealthCheck CHECK = new HealthCheck(Duration.ofHours(26), Duration.ofMinutes(15), Duration.ofHours(2),
            Duration.ofHours(6));
    private static final HealthCheck.Outbox EMPTY_OUTBOX = new HealthCheck.Outbox(Optional.empty(), Optional.empty());
    private static final LocalDateTime NOW = LocalDateTime.parse("2026-11-28T09:00:00");
    private static final LocalDate NIGHT = LocalDate.parse("2026-11-28");

    private static HealthCheck.Seen seen(String status, boolean running, LocalDateTime payoutEnded, LocalDateTime releaseEnded) {
        return new HealthCheck.Seen(Optional.of(new HealthCheck.LatestRun(NIGHT, status)), running,
                Optional.ofNullable(payoutEnded), Optional.ofNullable(releaseEnded), Optional.empty(), EMPTY_OUTBOX, NOW);
    }

    /** A night that completed and a sweep that ran minutes ago; its notices and the outbox as given. */
    private static HealthCheck.Seen night(LocalDateTime completed, boolean noticesWritten, HealthCheck.Outbox outbox) {
        return new HealthCheck.Seen(Optional.of(new HealthCheck.LatestRun(NIGHT, "COMPLETED")), false,
                Optional.of(completed), Optional.of(NOW.minusMinutes(1)),
                Optional.of(new HealthCheck.CompletedNight(NIGHT, completed, noticesWritten)), outbox, NOW);
    }

    private static HealthCheck.Outbox waiting(LocalDateTime written) {
        return new HealthCheck.Outbox(Optional.of(new HealthCheck.WaitingFile("payout-20261128.csv", written)),
                Optional.empty());
    }

    @Test
    void aCompletedNightAndARecentLockReleaseAreHealthy() {
        // given
        HealthCheck.Seen seen = seen("COMPLETED", false, NOW.minusHours(7), NOW.minusMinutes(3));
        // when / then
        assertThat(CHECK.problems(seen)).isEmpty();
        assertThat(CHECK.summary(seen)).isEqualTo("check passed: payout 2026-11-28 COMPLETED, completed 7h ago;"
                + " lock release completed 3m ago");
    }

    @Test
    void theMaximumAgesAreIncludedToTheSecond() {
        // when / then
        assertThat(CHECK.problems(seen("COMPLETED", false, NOW.minusHours(26), NOW.minusMinutes(15)))).isEmpty();
        assertThat(CHECK.problems(seen("COMPLETED", false, NOW.minusHours(26).minusSeconds(1), NOW.minusMinutes(15))))
                .contains("no payout run completed in the last 26h (the latest ended 26h1s ago, at 2026-11-27 06:59:59)");
        assertThat(CHECK.problems(seen("COMPLETED", false, NOW.minusHours(26), NOW.minusMinutes(15).minusSeconds(1))))
                .contains("no lock release completed in the last 15m (the latest ended 15m1s ago, at 2026-11-28 08:44:59)");
    }

    @Test
    void aFailedLatestNightFailsTheCheckEvenWhenAnEarlierNightCompletedRecently() {
        // when / then
        assertThat(CHECK.problems(seen("FAILED", false, NOW.minusHours(20), NOW.minusMinutes(1))))
                .contains("latest payout run (2026-11-28) FAILED");
        assertThat(CHECK.problems(seen("STOPPED", false, NOW.minusHours(20), NOW.minusMinutes(1))))
                .contains("latest payout run (2026-11-28) STOPPED");
    }

    @Test
    void aNightRunningNowIsHealthyButOneLeftStartedByADeadProcessIsNot() {
        // when / then
        assertThat(CHECK.problems(seen("STARTED", true, NOW.minusHours(24), NOW.minusMinutes(1)))).isEmpty();
        assertThat(CHECK.problems(seen("STARTED", false, NOW.minusHours(24), NOW.minusMinutes(1))))
                .contains("latest payout run (2026-11-28) STARTED but no process runs it (killed?)");
    }

    @Test
    void nothingEverCompletedFailsTheCheckWithEveryProblemOnOneLine() {
        // given
        HealthCheck.Seen seen = new HealthCheck.Seen(Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), EMPTY_OUTBOX, NOW);
        // when / then
        assertThat(CHECK.problems(seen)).contains("no payout run has completed; no lock release has completed");
    }

    @Test
    void aCompletedNightWithoutNoticesFailsTheCheckOnlyOnceTheDelayHasPassed() {
        // when / then: 2 hours after the night completed is still in time, a second more is not
        assertThat(CHECK.problems(night(NOW.minusHours(2), false, EMPTY_OUTBOX))).isEmpty();
        assertThat(CHECK.problems(night(NOW.minusHours(2).minusSeconds(1), false, EMPTY_OUTBOX)))
                .contains("no expiry notices for 2026-11-28, whose payout completed 2h1s ago (more than 2h)");
        assertThat(CHECK.problems(night(NOW.minusHours(20), true, EMPTY_OUTBOX))).isEmpty();
    }

    @Test
    void aBankFileTheBankHasNotTakenFailsTheCheckOnlyOnceItsMaximumAgeHasPassed() {
        // when / then: 6 hours in the outbox is still in time, a second more is not
        assertThat(CHECK.problems(night(NOW.minusHours(7), true, waiting(NOW.minusHours(6))))).isEmpty();
        assertThat(CHECK.problems(night(NOW.minusHours(7), true, waiting(NOW.minusHours(6).minusSeconds(1)))))
                .contains("bank file payout-20261128.csv is still in the outbox, written 6h1s ago (more than 6h):"
                        + " the bank has not taken it");
    }

    @Test
    void anOutboxThatCannotBeReadFailsTheCheck() {
        // given
        HealthCheck.Outbox unreadable = new HealthCheck.Outbox(Optional.empty(), Optional.of("permission denied: /srv/outbox"));
        // when / then
        assertThat(CHECK.problems(night(NOW.minusHours(1), true, unreadable)))
                .contains("cannot look at the outbox: permission denied: /srv/outbox");
    }

    @Test
    void agesAreWrittenAsTheOptionsAre() {
        // when / then
        assertThat(HealthCheck.format(Duration.ofHours(26))).isEqualTo("26h");
        assertThat(HealthCheck.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
        assertThat(HealthCheck.format(Duration.ofSeconds(45))).isEqualTo("45s");
        assertThat(HealthCheck.format(Duration.ZERO)).isEqualTo("0s");
    }
}

package jp.crowdpay.jobs.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthCheckTest {

    private static final HealthCheck CHECK = new HealthCheck(Duration.ofHours(26), Duration.ofMinutes(15), Duration.ofHours(2),
            Duration.ofHours(6));
    private static final HealthCheck.Outbox EMPTY_OUTBOX = new HealthCheck.Outbox(Optional.empty(), Optional.empty());
    /** 09:00 in Tokyo. */
    private static final Instant NOW = Instant.parse("2026-11-28T00:00:00Z");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final LocalDate NIGHT = LocalDate.parse("2026-11-28");

    private static HealthCheck.Seen seen(String status, boolean running, Instant payoutEnded, Instant releaseEnded) {
        return new HealthCheck.Seen(Optional.of(new HealthCheck.LatestRun(NIGHT, status)), running,
                Optional.ofNullable(payoutEnded), Optional.ofNullable(releaseEnded), Optional.empty(), EMPTY_OUTBOX, NOW, TOKYO);
    }

    /** A night that completed and a sweep that ran minutes ago; its notices and the outbox as given. */
    private static HealthCheck.Seen night(Instant completed, boolean noticesWritten, HealthCheck.Outbox outbox) {
        return new HealthCheck.Seen(Optional.of(new HealthCheck.LatestRun(NIGHT, "COMPLETED")), false,
                Optional.of(completed), Optional.of(NOW.minus(Duration.ofMinutes(1))),
                Optional.of(new HealthCheck.CompletedNight(NIGHT, completed, noticesWritten)), outbox, NOW, TOKYO);
    }

    private static HealthCheck.Outbox waiting(Instant written) {
        return new HealthCheck.Outbox(Optional.of(new HealthCheck.WaitingFile("payout-20261128.csv", written)),
                Optional.empty());
    }

    @Test
    void aCompletedNightAndARecentLockReleaseAreHealthy() {
        // given
        HealthCheck.Seen seen = seen("COMPLETED", false, NOW.minus(Duration.ofHours(7)), NOW.minus(Duration.ofMinutes(3)));
        // when / then
        assertThat(CHECK.problems(seen)).isEmpty();
        assertThat(CHECK.summary(seen)).isEqualTo("check passed: payout 2026-11-28 COMPLETED, completed 7h ago;"
                + " lock release completed 3m ago");
    }

    @Test
    void theMaximumAgesAreIncludedToTheSecondAndTheTimesPrintedInTheBusinessZone() {
        // given
        Instant payoutLimit = NOW.minus(Duration.ofHours(26));
        Instant locksLimit = NOW.minus(Duration.ofMinutes(15));
        // when / then
        assertThat(CHECK.problems(seen("COMPLETED", false, payoutLimit, locksLimit))).isEmpty();
        assertThat(CHECK.problems(seen("COMPLETED", false, payoutLimit.minusSeconds(1), locksLimit))).contains(
                "no payout run completed in the last 26h (the latest ended 26h1s ago, at 2026-11-27 06:59:59 +09:00)");
        assertThat(CHECK.problems(seen("COMPLETED", false, payoutLimit, locksLimit.minusSeconds(1)))).contains(
                "no lock release completed in the last 15m (the latest ended 15m1s ago, at 2026-11-28 08:44:59 +09:00)");
    }

    @Test
    void aFailedLatestNightFailsTheCheckEvenWhenAnEarlierNightCompletedRecently() {
        // when / then
        assertThat(CHECK.problems(seen("FAILED", false, NOW.minus(Duration.ofHours(20)), NOW.minusSeconds(60))))
                .contains("latest payout run (2026-11-28) FAILED");
        assertThat(CHECK.problems(seen("STOPPED", false, NOW.minus(Duration.ofHours(20)), NOW.minusSeconds(60))))
                .contains("latest payout run (2026-11-28) STOPPED");
    }

    @Test
    void aNightRunningNowIsHealthyButOneLeftStartedByADeadProcessIsNot() {
        // when / then
        assertThat(CHECK.problems(seen("STARTED", true, NOW.minus(Duration.ofHours(24)), NOW.minusSeconds(60)))).isEmpty();
        assertThat(CHECK.problems(seen("STARTED", false, NOW.minus(Duration.ofHours(24)), NOW.minusSeconds(60))))
                .contains("latest payout run (2026-11-28) STARTED but no process runs it (killed?)");
    }

    @Test
    void nothingEverCompletedFailsTheCheckWithEveryProblemOnOneLine() {
        // given
        HealthCheck.Seen seen = new HealthCheck.Seen(Optional.empty(), false, Optional.empty(), Optional.empty(),
                Optional.empty(), EMPTY_OUTBOX, NOW, TOKYO);
        // when / then
        assertThat(CHECK.problems(seen)).contains("no payout run has completed; no lock release has completed");
    }

    @Test
    void aCompletedNightWithoutNoticesFailsTheCheckOnlyOnceTheDelayHasPassed() {
        // when / then: 2 hours after the night completed is still in time, a second more is not
        assertThat(CHECK.problems(night(NOW.minus(Duration.ofHours(2)), false, EMPTY_OUTBOX))).isEmpty();
        assertThat(CHECK.problems(night(NOW.minus(Duration.ofHours(2)).minusSeconds(1), false, EMPTY_OUTBOX)))
                .contains("no expiry notices for 2026-11-28, whose payout completed 2h1s ago (more than 2h)");
        assertThat(CHECK.problems(night(NOW.minus(Duration.ofHours(20)), true, EMPTY_OUTBOX))).isEmpty();
    }

    @Test
    void aBankFileTheBankHasNotTakenFailsTheCheckOnlyOnceItsMaximumAgeHasPassed() {
        // when / then: 6 hours in the outbox is still in time, a second more is not
        assertThat(CHECK.problems(night(NOW.minus(Duration.ofHours(7)), true, waiting(NOW.minus(Duration.ofHours(6)))))).isEmpty();
        assertThat(CHECK.problems(night(NOW.minus(Duration.ofHours(7)), true, waiting(NOW.minus(Duration.ofHours(6)).minusSeconds(1)))))
                .contains("bank file payout-20261128.csv is still in the outbox, written 6h1s ago (more than 6h):"
                        + " the bank has not taken it");
    }

    @Test
    void anOutboxThatCannotBeReadFailsTheCheck() {
        // given
        HealthCheck.Outbox unreadable = new HealthCheck.Outbox(Optional.empty(), Optional.of("permission denied: /srv/outbox"));
        // when / then
        assertThat(CHECK.problems(night(NOW.minus(Duration.ofHours(1)), true, unreadable)))
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

package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class RewardDeadlineTest {

    private final RewardDeadline deadline = new RewardDeadline(180);

    @Test
    void deadlineIsConfirmationDatePlus180Days() {
        assertThat(deadline.deadlineOf(LocalDate.of(2026, 1, 1))).isEqualTo(LocalDate.of(2026, 6, 30));
    }

    @Test
    void rewardIsStillPayableOnItsDeadlineDay() {
        assertThat(LocalDate.of(2026, 1, 1)).isAfterOrEqualTo(deadline.expiredIfConfirmedBefore(LocalDate.of(2026, 6, 30)));
    }

    @Test
    void rewardExpiresTheDayAfterItsDeadline() {
        assertThat(LocalDate.of(2026, 1, 1)).isBefore(deadline.expiredIfConfirmedBefore(LocalDate.of(2026, 7, 1)));
    }

    @Test
    void runExpiresRewardsConfirmedBeforeBusinessDateMinus180Days() {
        // given: the run of 2026-07-01
        LocalDate cutoff = deadline.expiredIfConfirmedBefore(LocalDate.of(2026, 7, 1));
        // then: 2026-01-01 is before the cutoff (expired), 2026-01-02 is not (its deadline is the run's day)
        assertThat(cutoff).isEqualTo(LocalDate.of(2026, 1, 2));
        assertThat(LocalDate.of(2026, 1, 1)).isBefore(cutoff);
    }

    @Test
    void countsLeapDaysAsDays() {
        // 2028 is a leap year: 2028-01-01 + 180 days is 2028-06-29
        assertThat(deadline.deadlineOf(LocalDate.of(2028, 1, 1))).isEqualTo(LocalDate.of(2028, 6, 29));
    }
}

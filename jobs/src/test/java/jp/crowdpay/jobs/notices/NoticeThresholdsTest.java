package jp.crowdpay.jobs.notices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NoticeThresholdsTest {

    private final NoticeThresholds defaults = NoticeThresholds.of(List.of(30, 7, 1));

    @ParameterizedTest(name = "{0} days left -> threshold {1}")
    @CsvSource(nullValues = "none", value = {
            "31, none", "30, 30", "29, 30", "8, 30", "7, 7", "2, 7", "1, 1", "0, 1", "-1, none"})
    void theTightestThresholdReachedIsTheNotices(long daysLeft, Integer threshold) {
        // when
        Optional<Integer> reached = defaults.reached(daysLeft);
        // then
        assertThat(reached).isEqualTo(Optional.ofNullable(threshold));
    }

    @Test
    void thresholdsMayBeGivenInAnyOrder() {
        // given
        NoticeThresholds shuffled = NoticeThresholds.of(List.of(7, 30, 1));
        // then
        assertThat(shuffled.ascending()).containsExactly(1, 7, 30);
        assertThat(shuffled.smallest()).isEqualTo(1);
        assertThat(shuffled.largest()).isEqualTo(30);
        assertThat(shuffled).hasToString("30, 7, 1");
    }

    @Test
    void aZeroOrNegativeThresholdIsRefusedNamingTheSetting() {
        assertThatThrownBy(() -> NoticeThresholds.of(List.of(30, 0)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessage("payout.notices.thresholds: every threshold must be 1 day or more, was 0 in [30, 0]");
        assertThatThrownBy(() -> NoticeThresholds.of(List.of(-7)))
                .hasMessage("payout.notices.thresholds: every threshold must be 1 day or more, was -7 in [-7]");
    }

    @Test
    void aThresholdTwiceIsRefused() {
        assertThatThrownBy(() -> NoticeThresholds.of(List.of(30, 7, 30)))
                .hasMessage("payout.notices.thresholds: names a threshold twice: [30, 7, 30]");
    }

    @Test
    void anEmptyListOrEntryIsRefused() {
        assertThatThrownBy(() -> NoticeThresholds.of(List.of()))
                .hasMessage("payout.notices.thresholds: needs at least one number of days");
        assertThatThrownBy(() -> NoticeThresholds.of(Arrays.asList(30, null)))
                .hasMessage("payout.notices.thresholds: has an empty entry: [30, null]");
    }

    @Test
    void aThresholdAsLongAsTheWithdrawalPeriodIsRefused() {
        // given
        NoticeProperties settings = new NoticeProperties(List.of(180, 30), true);
        // then: 179 is the longest warning a 180-day period leaves room for
        assertThatThrownBy(() -> settings.thresholds(180))
                .hasMessage("payout.notices.thresholds: 180 days is not shorter than the withdrawal period,"
                        + " payout.deadline-days = 180");
        assertThat(new NoticeProperties(List.of(179), true).thresholds(180).largest()).isEqualTo(179);
    }
}

package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import org.junit.jupiter.api.Test;

class RewardIdRangesTest {

    @Test
    void coversEveryIdInRangesOfTheSizeAndALastShorterOne() {
        // given
        RewardIdRanges ranges = new RewardIdRanges(1, 250, 100);
        // when / then
        assertThat(ranges.all()).containsExactly(
                new RewardIdRanges.Range(0, 1, 100),
                new RewardIdRanges.Range(1, 101, 200),
                new RewardIdRanges.Range(2, 201, 250));
    }

    @Test
    void coversIdsFromTheSmallestToTheLargestBigintWithoutOverflow() {
        // given
        RewardIdRanges ranges = new RewardIdRanges(Long.MIN_VALUE, Long.MAX_VALUE, 1L << 62);
        // when / then: four ranges of 2^62 ids, the last ending at the largest id
        assertThat(ranges.all()).extracting(RewardIdRanges.Range::first, RewardIdRanges.Range::last).containsExactly(
                tuple(Long.MIN_VALUE, -(1L << 62) - 1),
                tuple(-(1L << 62), -1L),
                tuple(0L, (1L << 62) - 1),
                tuple(1L << 62, Long.MAX_VALUE));
    }

    @Test
    void rangesOfOneIdEndAtTheLargestId() {
        assertThat(new RewardIdRanges(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1).all()).containsExactly(
                new RewardIdRanges.Range(0, Long.MAX_VALUE - 1, Long.MAX_VALUE - 1),
                new RewardIdRanges.Range(1, Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void aNightIsSettledInAtMostThreeRangesPerThreadHoweverLargeTheLedger() {
        // 3M ids on two threads in ranges of 500,000 are 6 ranges; 10M would be 20 and 30M 60: the ranges grow instead
        assertThat(RewardIdRanges.size(1, 3_000_000, 500_000, 2, 3)).isEqualTo(500_000);
        assertThat(RewardIdRanges.size(1, 3_000_001, 500_000, 2, 3)).isEqualTo(500_001);
        assertThat(RewardIdRanges.size(1, 10_000_000, 500_000, 2, 3)).isEqualTo(1_666_667);
        assertThat(RewardIdRanges.size(1, 30_000_000, 500_000, 2, 3)).isEqualTo(5_000_000);
        // one thread, five ranges at most
        assertThat(RewardIdRanges.size(1, 10_000_000, 500_000, 1, 5)).isEqualTo(2_000_000);
        // the child-process scenarios: 400 ids, at least 80 per range
        assertThat(RewardIdRanges.size(1, 400, 80, 1, 5)).isEqualTo(80);
        assertThat(RewardIdRanges.size(1, 400, 50, 1, 5)).isEqualTo(80);
        assertThat(RewardIdRanges.size(Long.MIN_VALUE, Long.MAX_VALUE, 500_000, 1, 5))
                .isEqualTo(Long.divideUnsigned(-1L, 5) + 1);
    }

    @Test
    void aSpanThatIsNotAWholeNumberOfRangesIsCutIntoLargerEqualOnesNotAShortLastOne() {
        // 2.2M ids: four ranges of 550,000, not four of 500,000 and a fifth of 200,000
        assertThat(RewardIdRanges.size(1, 2_200_000, 500_000, 1, 5)).isEqualTo(550_000);
        // less than one range: the whole span in one
        assertThat(RewardIdRanges.size(1, 300_000, 500_000, 1, 5)).isEqualTo(300_000);
    }

    @Test
    void twoThreadsGetAsManyIdsEachWhereRangesOfTheLeastSizeWouldBeThree() {
        // given: the marking's span of a 2M night, 1.5M ids, at least 500,000 per range, two threads
        long size = RewardIdRanges.size(500_001, 2_000_000, 500_000, 2, 3);
        // when / then: two ranges of 750,000 ids, not two for one thread and one for the other
        assertThat(new RewardIdRanges(500_001, 2_000_000, size).all()).containsExactly(
                new RewardIdRanges.Range(0, 500_001, 1_250_000),
                new RewardIdRanges.Range(1, 1_250_001, 2_000_000));
    }

    @Test
    void aSpanShorterThanOneRangePerThreadIsStillSharedByEveryThread() {
        // given: a 1M night's marking, 750,000 ids, at least 500,000 per range, two threads
        long size = RewardIdRanges.size(250_001, 1_000_000, 500_000, 2, 3);
        // then: two ranges of 375,000 ids, below the least size, rather than 500,000 and 250,000
        assertThat(size).isEqualTo(375_000);
        assertThat(new RewardIdRanges(250_001, 1_000_000, size).all()).containsExactly(
                new RewardIdRanges.Range(0, 250_001, 625_000),
                new RewardIdRanges.Range(1, 625_001, 1_000_000));
    }

    @Test
    void sevenRangesWorthOfIdsOnTwoThreadsAreSixLargerOnes() {
        // 3.5M ids: seven ranges of 500,000 would give one thread four and the other three
        assertThat(RewardIdRanges.size(1, 3_500_000, 500_000, 2, 5)).isEqualTo(583_334);
    }

    @Test
    void refusesARangeSizeRuleWithoutIdsThreadsOrRanges() {
        assertThatThrownBy(() -> RewardIdRanges.size(1, 10, 0, 1, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RewardIdRanges.size(1, 10, 5, 0, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RewardIdRanges.size(1, 10, 5, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesAnEmptyRangeSize() {
        assertThatThrownBy(() -> new RewardIdRanges(1, 10, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

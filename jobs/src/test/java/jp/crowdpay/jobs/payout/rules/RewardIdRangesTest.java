package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RewardIdRangesTest {

    private static List<RewardIdRanges.Range> walk(RewardIdRanges ranges) {
        List<RewardIdRanges.Range> walked = new ArrayList<>();
        Optional<RewardIdRanges.Range> next = ranges.firstAtOrAfter(ranges.first());
        while (next.isPresent()) {
            walked.add(next.get());
            next = ranges.after(next.get());
        }
        return walked;
    }

    @Test
    void oneStepWalksEveryIdInRangesOfTheSizeAndALastShorterOne() {
        // given
        RewardIdRanges ranges = new RewardIdRanges(1, 250, 100, 1, 0);
        // when / then
        assertThat(walk(ranges)).containsExactly(
                new RewardIdRanges.Range(0, 1, 100),
                new RewardIdRanges.Range(1, 101, 200),
                new RewardIdRanges.Range(2, 201, 250));
    }

    @Test
    void partitionsTakeTheRangesInTurnSoThatTogetherTheyCoverEveryIdOnce() {
        // given: ids 1-700 in ranges of 100, 3 partitions
        // when
        List<RewardIdRanges.Range> first = walk(new RewardIdRanges(1, 700, 100, 3, 0));
        List<RewardIdRanges.Range> second = walk(new RewardIdRanges(1, 700, 100, 3, 1));
        List<RewardIdRanges.Range> third = walk(new RewardIdRanges(1, 700, 100, 3, 2));
        // then
        assertThat(first).extracting(RewardIdRanges.Range::first).containsExactly(1L, 301L, 601L);
        assertThat(second).extracting(RewardIdRanges.Range::first).containsExactly(101L, 401L);
        assertThat(third).extracting(RewardIdRanges.Range::first).containsExactly(201L, 501L);
        assertThat(first.get(2).last()).isEqualTo(700);
    }

    @Test
    void jumpsOverAGapToThePartitionsFirstRangeAtOrAfterTheNextId() {
        // given: partition 1 of 2, ranges of 100 from id 1
        RewardIdRanges ranges = new RewardIdRanges(1, 10_000, 100, 2, 1);
        // when / then: id 1,050 lies in range 10 (partition 0's): partition 1 goes on at range 11
        assertThat(ranges.firstAtOrAfter(1_050)).contains(new RewardIdRanges.Range(11, 1_101, 1_200));
        // id 1,150 lies in its own range 11
        assertThat(ranges.firstAtOrAfter(1_150)).contains(new RewardIdRanges.Range(11, 1_101, 1_200));
        // the last range, 99, is partition 1's; past the last id there is none
        assertThat(ranges.firstAtOrAfter(9_999)).contains(new RewardIdRanges.Range(99, 9_901, 10_000));
        assertThat(ranges.firstAtOrAfter(10_001)).isEmpty();
    }

    @Test
    void coversIdsFromTheSmallestToTheLargestBigintWithoutOverflow() {
        // given
        RewardIdRanges ranges = new RewardIdRanges(Long.MIN_VALUE, Long.MAX_VALUE, 1L << 62, 1, 0);
        // when / then: four ranges of 2^62 ids, the last ending at the largest id
        assertThat(walk(ranges)).extracting(RewardIdRanges.Range::first, RewardIdRanges.Range::last).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Long.MIN_VALUE, -(1L << 62) - 1),
                org.assertj.core.groups.Tuple.tuple(-(1L << 62), -1L),
                org.assertj.core.groups.Tuple.tuple(0L, (1L << 62) - 1),
                org.assertj.core.groups.Tuple.tuple(1L << 62, Long.MAX_VALUE));
        assertThat(ranges.firstAtOrAfter(Long.MAX_VALUE)).contains(new RewardIdRanges.Range(3, 1L << 62, Long.MAX_VALUE));
    }

    @Test
    void aRangeOfOneIdAtTheLargestIdEndsTheWalk() {
        // given
        RewardIdRanges ranges = new RewardIdRanges(Long.MAX_VALUE - 1, Long.MAX_VALUE, 1, 2, 1);
        // when / then
        assertThat(walk(ranges)).containsExactly(new RewardIdRanges.Range(1, Long.MAX_VALUE, Long.MAX_VALUE));
    }

    @Test
    void aNightIsMarkedInAtMostFiveRangesPerThreadHoweverLargeTheLedger() {
        // 2.5M ids in ranges of 500,000 are 5 ranges; 10M would be 20 and 30M 60: the ranges grow instead
        assertThat(RewardIdRanges.size(1, 2_500_000, 500_000, 1, 5)).isEqualTo(500_000);
        assertThat(RewardIdRanges.size(1, 2_500_001, 500_000, 1, 5)).isEqualTo(500_001);
        assertThat(RewardIdRanges.size(1, 10_000_000, 500_000, 1, 5)).isEqualTo(2_000_000);
        assertThat(RewardIdRanges.size(1, 30_000_000, 500_000, 1, 5)).isEqualTo(6_000_000);
        // two threads: ten ranges, five each
        assertThat(RewardIdRanges.size(1, 10_000_000, 500_000, 2, 5)).isEqualTo(1_000_000);
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
        long size = RewardIdRanges.size(500_001, 2_000_000, 500_000, 2, 5);
        // when
        List<RewardIdRanges.Range> first = walk(new RewardIdRanges(500_001, 2_000_000, size, 2, 0));
        List<RewardIdRanges.Range> second = walk(new RewardIdRanges(500_001, 2_000_000, size, 2, 1));
        // then: one range of 750,000 ids each, not two for one thread and one for the other
        assertThat(first).containsExactly(new RewardIdRanges.Range(0, 500_001, 1_250_000));
        assertThat(second).containsExactly(new RewardIdRanges.Range(1, 1_250_001, 2_000_000));
    }

    @Test
    void aSpanShorterThanOneRangePerThreadIsStillSharedByEveryThread() {
        // given: a 1M night's marking, 750,000 ids, at least 500,000 per range, two threads
        long size = RewardIdRanges.size(250_001, 1_000_000, 500_000, 2, 5);
        // then: two ranges of 375,000 ids, below the least size, rather than 500,000 and 250,000
        assertThat(size).isEqualTo(375_000);
        assertThat(walk(new RewardIdRanges(250_001, 1_000_000, size, 2, 0)))
                .containsExactly(new RewardIdRanges.Range(0, 250_001, 625_000));
        assertThat(walk(new RewardIdRanges(250_001, 1_000_000, size, 2, 1)))
                .containsExactly(new RewardIdRanges.Range(1, 625_001, 1_000_000));
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
    void refusesAnEmptyRangeSizeOrAPartitionOutsideTheCount() {
        assertThatThrownBy(() -> new RewardIdRanges(1, 10, 0, 1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RewardIdRanges(1, 10, 5, 2, 2)).isInstanceOf(IllegalArgumentException.class);
    }
}

package jp.crowdpay.jobs.payout.partitioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class WorkerRangeTest {

    private static List<WorkerRange> split(long min, long max, int count) {
        return WorkerRange.split(min, max, count).values().stream().map(WorkerRange::of).toList();
    }

    @Test
    void splitsIntoContiguousRangesFromTheSmallestIdThereCanBeToTheLargest() {
        // when: workers -5 to 240 in three ranges
        List<WorkerRange> ranges = split(-5, 240, 3);
        // then: 82 ids wide (246 ids / 3, rounded up); ids below -5 fall into the first, ids beyond 240 into the last
        assertThat(ranges).containsExactly(
                new WorkerRange(Long.MIN_VALUE, 76),
                new WorkerRange(77, 158),
                new WorkerRange(159, Long.MAX_VALUE));
    }

    @Test
    void splitsTheWidestSpanOfIdsWithoutOverflow() {
        // when
        List<WorkerRange> ranges = split(Long.MIN_VALUE, Long.MAX_VALUE, 2);
        // then
        assertThat(ranges).containsExactly(new WorkerRange(Long.MIN_VALUE, -1), new WorkerRange(0, Long.MAX_VALUE));
    }

    @Test
    void leavesRangesBeyondTheLargestIdEmptyRatherThanOverlapping() {
        // when: a single worker with the largest id there is, in three ranges
        List<WorkerRange> ranges = split(Long.MAX_VALUE, Long.MAX_VALUE, 3);
        // then: the first covers every id, the others none (first above last)
        assertThat(ranges).containsExactly(
                new WorkerRange(Long.MIN_VALUE, Long.MAX_VALUE), new WorkerRange(0, -1), new WorkerRange(0, -1));
    }
}

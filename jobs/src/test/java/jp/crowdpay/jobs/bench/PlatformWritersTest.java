package jp.crowdpay.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class PlatformWritersTest {

    private static final long[] ONE_TO_HUNDRED = LongStream.rangeClosed(1, 100).toArray();

    @Test
    void aPercentileIsTheNearestRankAmongTheSortedTimes() {
        assertThat(PlatformWriters.percentile(ONE_TO_HUNDRED, 50)).isEqualTo(50);
        assertThat(PlatformWriters.percentile(ONE_TO_HUNDRED, 99)).isEqualTo(99);
        assertThat(PlatformWriters.percentile(ONE_TO_HUNDRED, 100)).isEqualTo(100);
    }

    @Test
    void ofFewerThanAHundredWritesTheNinetyNinthPercentileIsTheSlowest() {
        // boundary: 99 % of 50 writes is 49.5, so the 50th, the last
        long[] fifty = LongStream.rangeClosed(1, 50).toArray();
        assertThat(PlatformWriters.percentile(fifty, 99)).isEqualTo(50);
        assertThat(PlatformWriters.percentile(new long[] {7}, 50)).isEqualTo(7);
    }

    @Test
    void noWritesHaveNoTimes() {
        assertThat(PlatformWriters.percentile(new long[0], 99)).isZero();
    }
}

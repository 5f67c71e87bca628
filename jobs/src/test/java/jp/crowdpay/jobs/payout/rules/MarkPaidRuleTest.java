package jp.crowdpay.jobs.payout.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MarkPaidRuleTest {

    /** Ranges of at least 500,000 ids, chunks of 1,000 workers: the defaults. */
    private final MarkPaidRule rule = new MarkPaidRule(500_000, 1_000);

    private static Optional<MarkPaidRule.IdSpan> firstChunk(long first, long last) {
        return Optional.of(new MarkPaidRule.IdSpan(first, last));
    }

    @Test
    void marksInTheChunksWhereEachChunksRewardsLieInABandOfTheirOwn() {
        // given: ids follow workers; 100,000 workers, 100 chunks, the first chunk's rewards on ids 1-10,000
        // when
        MarkPaid place = rule.choose(1, 1_000_000, firstChunk(1, 10_000), 100_000);
        // then: the chunks together change 1,000,000 ids' pages, once the scope
        assertThat(place).isEqualTo(MarkPaid.IN_CHUNKS);
    }

    @Test
    void marksByRangesWhereEveryChunksRewardsAreSpreadOverTheTable() {
        // given: ids follow time; the first chunk's rewards from near the first id to near the last
        // when
        MarkPaid place = rule.choose(1, 1_000_000, firstChunk(37, 999_981), 100_000);
        // then
        assertThat(place).isEqualTo(MarkPaid.BY_RANGES);
    }

    @Test
    void marksInTheChunksWhenTheyChangeExactlyTwiceTheScopesIdsAndByRangesAtOneIdMore() {
        // given: 1,000,000 ids in scope, 100 chunks
        // when: the first chunk spans 20,000 ids (2,000,000 in all) or 20,001 (2,000,100)
        MarkPaid twice = rule.choose(1, 1_000_000, firstChunk(1, 20_000), 100_000);
        MarkPaid more = rule.choose(1, 1_000_000, firstChunk(1, 20_001), 100_000);
        // then
        assertThat(twice).isEqualTo(MarkPaid.IN_CHUNKS);
        assertThat(more).isEqualTo(MarkPaid.BY_RANGES);
    }

    @Test
    void countsALastChunkOfFewerWorkersAsAChunk() {
        // given: 100,001 workers make 101 chunks; a first chunk of 19,802 ids makes 2,000,002 ids in all
        // when
        MarkPaid place = rule.choose(1, 1_000_000, firstChunk(1, 19_802), 100_001);
        // then: 100 chunks would have made 1,980,200 ids, within twice the scope
        assertThat(place).isEqualTo(MarkPaid.BY_RANGES);
    }

    @Test
    void marksByRangesAScopeOfOneMarkingRangeWhichOneStatementMarks() {
        // given: ids follow workers, but the scope is 500,000 ids, one range; then 500,001 ids
        // when
        MarkPaid oneRange = rule.choose(1, 500_000, firstChunk(1, 5_000), 100_000);
        MarkPaid twoRanges = rule.choose(1, 500_001, firstChunk(1, 5_000), 100_000);
        // then
        assertThat(oneRange).isEqualTo(MarkPaid.BY_RANGES);
        assertThat(twoRanges).isEqualTo(MarkPaid.IN_CHUNKS);
    }

    @Test
    void marksByRangesWhenNoWorkerIsDueTonight() {
        // when
        MarkPaid place = rule.choose(1, 1_000_000, Optional.empty(), 0);
        // then
        assertThat(place).isEqualTo(MarkPaid.BY_RANGES);
    }

    @Test
    void measuresSpansAcrossTheWholeRangeOfBigintWithoutOverflow() {
        // given: the scope from the lowest id to the highest; one worker, one chunk, spanning half of it
        // when
        MarkPaid half = rule.choose(Long.MIN_VALUE, Long.MAX_VALUE, firstChunk(0, Long.MAX_VALUE), 1);
        MarkPaid all = rule.choose(Long.MIN_VALUE, Long.MAX_VALUE, firstChunk(Long.MIN_VALUE, Long.MAX_VALUE), 3_000);
        // then: one chunk changes at most the scope; three chunks of the whole scope change it three times
        assertThat(half).isEqualTo(MarkPaid.IN_CHUNKS);
        assertThat(all).isEqualTo(MarkPaid.BY_RANGES);
    }
}

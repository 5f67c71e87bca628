package jp.crowdpay.jobs.payout.rules;

import java.math.BigInteger;
import java.util.Optional;

/**
 * Where a night marks its paid rewards when {@code payout.mark-paid} is {@code auto}. What decides
 * is how many pages of the reward table the paying chunks would change if each marked its own
 * workers' rewards.
 *
 * <p>Where reward ids follow workers (each worker's rewards next to each other), a chunk's
 * rewards lie in a narrow band of ids, the chunks' bands do not overlap, and marking in the
 * chunk changes each page about once with no pass of its own: {@link MarkPaid#IN_CHUNKS}. Where
 * ids follow time (the platform numbers rewards as they are confirmed), a chunk's rewards are
 * spread over the whole table, every chunk changes pages all over it, and marking by ranges of
 * ids changes each page once: {@link MarkPaid#BY_RANGES}.
 *
 * <p>The measure: the ids spanned by the first chunk's rewards, times the number of chunks,
 * against the ids the run's scope spans. In chunks when that is at most twice the scope. A scope
 * within one marking range is marked by one statement either way, and by ranges.
 *
 * @param markingRange the ids one range marks at least ({@code payout.marking-range})
 * @param chunkSize    workers per chunk ({@code payout.chunk-size})
 */
public record MarkPaidRule(long markingRange, int chunkSize) {

    /** How far chunks may overlap, in times the scope's ids, and still mark in the chunk. */
    static final int OVERLAP = 2;

    /**
     * @param firstUnpaid      the lowest id of the run's unpaid rewards
     * @param watermark        the highest id the run's scope may hold
     * @param firstChunk       the lowest and highest id among the first chunk's rewards; empty when no worker is due
     * @param workersInScope   the workers with rewards the paying step will consider
     */
    public MarkPaid choose(long firstUnpaid, long watermark, Optional<IdSpan> firstChunk, long workersInScope) {
        BigInteger scope = new IdSpan(firstUnpaid, watermark).ids();
        if (firstChunk.isEmpty() || scope.compareTo(BigInteger.valueOf(markingRange)) <= 0) {
            return MarkPaid.BY_RANGES;
        }
        long chunks = Math.max(1, (workersInScope + chunkSize - 1) / chunkSize);
        BigInteger changed = firstChunk.get().ids().multiply(BigInteger.valueOf(chunks));
        return changed.compareTo(scope.multiply(BigInteger.valueOf(OVERLAP))) <= 0 ? MarkPaid.IN_CHUNKS : MarkPaid.BY_RANGES;
    }

    /** Reward ids from {@code first} to {@code last}, both inclusive. */
    public record IdSpan(long first, long last) {
        BigInteger ids() {
            return BigInteger.valueOf(last).subtract(BigInteger.valueOf(first)).add(BigInteger.ONE);
        }
    }
}

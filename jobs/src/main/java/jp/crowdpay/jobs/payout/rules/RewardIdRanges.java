package jp.crowdpay.jobs.payout.rules;

import java.util.Optional;

/**
 * The ranges of reward ids in which the paid rewards are marked: from {@code first} to
 * {@code last} in ranges of {@code size} ids, numbered from 0, and dealt out in turn to
 * {@code partitions} partitions (range i goes to partition i mod partitions). Dealing the ranges
 * out in turn, rather than cutting the ids into one slice per partition, keeps the partitions
 * equally busy: the platform's oldest ids are mostly settled or expired, the newest mostly
 * unpaid, so equal slices would hold very unequal work.
 *
 * <p>Ids may lie anywhere in the range of bigint: offsets from {@code first} are computed as
 * unsigned numbers, which hold any distance between two longs, and nothing passes {@code last}.
 */
public record RewardIdRanges(long first, long last, long size, int partitions, int partition) {

    /** The ids of one range, both inclusive. */
    public record Range(long index, long first, long last) {
    }

    public RewardIdRanges {
        if (size < 1 || partitions < 1 || partition < 0 || partition >= partitions) {
            throw new IllegalArgumentException("size " + size + ", partition " + partition + " of " + partitions);
        }
    }

    /**
     * The size of the ranges from {@code first} to {@code last} for {@code threads} threads: at
     * least {@code atLeast} ids where the span holds that many for each thread, and more where
     * ranges of {@code atLeast} would be more than {@code rangesPerThread} per thread. Every range
     * hashes the run's payouts and takes their rows' key-share locks again, so the number of
     * ranges must not grow with the ledger, or the night's cost would grow with its square.
     *
     * <p>The ranges are as many as the threads, or a multiple of them, and of one size, so that
     * each thread gets as many ids ({@link #firstAtOrAfter deals them out in turn}): three
     * ranges of {@code atLeast} ids on two threads, the last one short, left one thread with
     * twice the ids of the other, and the night waited for it alone for a third of the marking.
     * So the span is cut into the largest multiple of the threads that ranges of {@code atLeast}
     * ids fill wholly, and into one range per thread when it is shorter than that.
     */
    public static long size(long first, long last, long atLeast, int threads, long rangesPerThread) {
        if (atLeast < 1 || threads < 1 || rangesPerThread < 1) {
            throw new IllegalArgumentException("at least " + atLeast + " ids, " + threads + " threads, "
                    + rangesPerThread + " ranges per thread");
        }
        // unsigned throughout: the span between two longs may pass Long.MAX_VALUE
        long span = last - first;
        long whole = Long.divideUnsigned(span, atLeast);
        if (Long.remainderUnsigned(span, atLeast) == atLeast - 1 && whole != -1L) {
            whole++;
        }
        long perThread = Long.divideUnsigned(whole, threads);
        perThread = Long.compareUnsigned(perThread, rangesPerThread) > 0 ? rangesPerThread : Math.max(1, perThread);
        return Long.divideUnsigned(span, threads * perThread) + 1;
    }

    /** The partition's first range that holds {@code id} or lies after it, if one starts before {@code last}. */
    public Optional<Range> firstAtOrAfter(long id) {
        if (id > last) {
            return Optional.empty();
        }
        long index = id <= first ? 0 : Long.divideUnsigned(id - first, size);
        long behind = Long.remainderUnsigned(index, partitions);
        return range(index, (partition - behind + partitions) % partitions);
    }

    /** The partition's next range after {@code range}. */
    public Optional<Range> after(Range range) {
        return range(range.index(), partitions);
    }

    /** The range {@code ahead} places after {@code index}, unless that is past the last id. */
    private Optional<Range> range(long index, long ahead) {
        long next = index + ahead;
        if (Long.compareUnsigned(next, index) < 0) {
            return Optional.empty();
        }
        return range(next);
    }

    private Optional<Range> range(long index) {
        long span = last - first;
        if (Long.compareUnsigned(index, Long.divideUnsigned(span, size)) > 0) {
            return Optional.empty();
        }
        long start = first + index * size;
        long end = Long.compareUnsigned(last - start, size - 1) <= 0 ? last : start + size - 1;
        return Optional.of(new Range(index, start, end));
    }
}

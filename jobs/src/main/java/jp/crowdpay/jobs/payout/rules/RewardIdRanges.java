package jp.crowdpay.jobs.payout.rules;

import java.util.ArrayList;
import java.util.List;

/**
 * The ranges of reward ids in which a run's rewards are settled: from {@code first} to
 * {@code last} in ranges of {@code size} ids, numbered from 0, the last one possibly shorter.
 *
 * <p>Ids may lie anywhere in the range of bigint: offsets from {@code first} are computed as
 * unsigned numbers, which hold any distance between two longs, and nothing passes {@code last}.
 */
public record RewardIdRanges(long first, long last, long size) {

    /** The ids of one range, both inclusive. */
    public record Range(long index, long first, long last) {
    }

    public RewardIdRanges {
        if (size < 1) {
            throw new IllegalArgumentException("size " + size);
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
     * the threads taking them in turn end together: three ranges of {@code atLeast} ids on two
     * threads, the last one short, left one thread with twice the ids of the other, and the night
     * waited for it alone for a third of the marking.
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

    /** Every range, in id order. */
    public List<Range> all() {
        List<Range> all = new ArrayList<>();
        long count = Long.divideUnsigned(last - first, size);
        for (long index = 0; Long.compareUnsigned(index, count) <= 0; index++) {
            long start = first + index * size;
            long end = Long.compareUnsigned(last - start, size - 1) <= 0 ? last : start + size - 1;
            all.add(new Range(index, start, end));
        }
        return all;
    }
}

package jp.crowdpay.jobs.payout.marking;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.payout.rules.RewardIdRanges;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Cuts the run's settling into ranges of reward ids, one partition each: first the expiry's
 * ranges ({@code expiry0}, {@code expiry1}, ...), then the marking's ({@code marking0}, ...), each
 * pass over its own span ({@link PaidRewardsMarking#span}). The ranges of a pass are of one size,
 * as many as the settling's threads or a multiple of them, at least
 * {@code payout.marking-range} ids each where the span holds that many per thread, and at most
 * {@link #RANGES_PER_THREAD} per thread ({@link RewardIdRanges#size}).
 */
public final class SettlingRanges implements Partitioner {

    /**
     * Ranges per settling thread and pass, at most. Each marking range hashes the run's payouts
     * and takes their key-share locks again, a second or two at 10M rewards whatever it holds;
     * more ranges than threads let a thread that ends early take another (docs/benchmark.md).
     */
    static final long RANGES_PER_THREAD = 3;
    static final String EXPIRY = "expiry";
    static final String MARKING = "marking";

    private final PayoutRun run;
    private final PaidRewardsMarking marking;
    private final long idsPerRange;
    private final int threads;

    /** @param threads the settling's threads ({@link SettlingThreads}), which the ranges are sized for */
    public SettlingRanges(PayoutRun run, PaidRewardsMarking marking, long idsPerRange, int threads) {
        this.run = run;
        this.marking = marking;
        this.idsPerRange = idsPerRange;
        this.threads = threads;
    }

    /** The pass of a range, from its partition's name. */
    static PaidRewardsMarking.Pass pass(String partition) {
        return partition.contains(":" + EXPIRY) ? PaidRewardsMarking.Pass.EXPIRE : PaidRewardsMarking.Pass.MARK;
    }

    @Override
    public Map<String, ExecutionContext> partition(int gridSize) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        add(partitions, PaidRewardsMarking.Pass.EXPIRE, EXPIRY);
        add(partitions, PaidRewardsMarking.Pass.MARK, MARKING);
        return partitions;
    }

    private void add(Map<String, ExecutionContext> partitions, PaidRewardsMarking.Pass pass, String name) {
        Optional<PaidRewardsMarking.Span> span = marking.span(run, pass);
        if (span.isEmpty()) {
            return;
        }
        long first = span.get().first();
        long last = span.get().last();
        long size = RewardIdRanges.size(first, last, idsPerRange, threads, RANGES_PER_THREAD);
        for (RewardIdRanges.Range range : new RewardIdRanges(first, last, size).all()) {
            ExecutionContext context = new ExecutionContext();
            context.putLong(SettleRewardsTasklet.FIRST, range.first());
            context.putLong(SettleRewardsTasklet.LAST, range.last());
            partitions.put(name + range.index(), context);
        }
    }
}

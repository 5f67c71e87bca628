package jp.crowdpay.jobs.payout.partitioning;

import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The worker ids one partition of the paying step covers, both ends included. Stored in the
 * partition's step execution context, so that a restarted partition covers the same workers.
 * Worker ids are the platform's: 0 and negative ids are workers too.
 */
public record WorkerRange(long first, long last) {

    static final WorkerRange ALL = new WorkerRange(Long.MIN_VALUE, Long.MAX_VALUE);

    private static final String FIRST = "firstWorkerId";
    private static final String LAST = "lastWorkerIdOfRange";

    /** The partition's range, or every worker for the single (unpartitioned) step. */
    public static WorkerRange of(ExecutionContext context) {
        return context.containsKey(FIRST) ? new WorkerRange(context.getLong(FIRST), context.getLong(LAST)) : ALL;
    }

    /**
     * Splits ids {@code min..max} into {@code count} contiguous ranges of (nearly) equal width:
     * worker ids are dense, so equal widths are equal numbers of workers. The first range starts
     * at the smallest id there can be and the last ends at the largest, so no worker falls
     * outside them, whatever ids arrive after the split. Computed without overflow, however far
     * apart min and max are; a range that would lie beyond the largest id is empty.
     */
    static Map<String, ExecutionContext> split(long min, long max, int count) {
        BigInteger smallest = BigInteger.valueOf(Long.MIN_VALUE);
        BigInteger pastLargest = BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE);
        BigInteger low = BigInteger.valueOf(min);
        BigInteger width = BigInteger.valueOf(max).subtract(low).add(BigInteger.valueOf(count))
                .divide(BigInteger.valueOf(count)).max(BigInteger.ONE);
        // range i is [bounds[i], bounds[i + 1] - 1]
        BigInteger[] bounds = new BigInteger[count + 1];
        bounds[0] = smallest;
        bounds[count] = pastLargest;
        for (int i = 1; i < count; i++) {
            bounds[i] = low.add(width.multiply(BigInteger.valueOf(i))).min(pastLargest);
        }
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        for (int i = 0; i < count; i++) {
            boolean empty = bounds[i].compareTo(bounds[i + 1]) >= 0;
            ExecutionContext context = new ExecutionContext();
            context.putLong(FIRST, empty ? 0 : bounds[i].longValueExact());
            context.putLong(LAST, empty ? -1 : bounds[i + 1].subtract(BigInteger.ONE).longValueExact());
            partitions.put("partition" + i, context);
        }
        return partitions;
    }
}

package jp.crowdpay.jobs.payout;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The worker ids one partition of the paying step covers, both ends included. Stored in the
 * partition's step execution context, so that a restarted partition covers the same workers.
 */
record WorkerRange(long first, long last) {

    static final WorkerRange ALL = new WorkerRange(1, Long.MAX_VALUE);

    private static final String FIRST = "firstWorkerId";
    private static final String LAST = "lastWorkerIdOfRange";

    /** The partition's range, or every worker for the single (unpartitioned) step. */
    static WorkerRange of(ExecutionContext context) {
        return context.containsKey(FIRST) ? new WorkerRange(context.getLong(FIRST), context.getLong(LAST)) : ALL;
    }

    /**
     * Splits ids {@code min..max} into {@code count} contiguous ranges of (nearly) equal width:
     * worker ids are dense, so equal widths are equal numbers of workers. The first range starts
     * at 1 and the last ends at the largest id there can be, so no worker falls between them.
     */
    static Map<String, ExecutionContext> split(long min, long max, int count) {
        Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
        long width = Math.max(1, (max - min + count) / count);
        for (int i = 0; i < count; i++) {
            long first = i == 0 ? 1 : min + i * width;
            long last = i == count - 1 ? Long.MAX_VALUE : min + (i + 1) * width - 1;
            ExecutionContext context = new ExecutionContext();
            context.putLong(FIRST, first);
            context.putLong(LAST, last);
            partitions.put("partition" + i, context);
        }
        return partitions;
    }
}

package jp.crowdpay.jobs.payout.marking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs the settling's ranges ({@link SettlingRanges}) on a few threads that each take the next
 * range as soon as they are done with one: the expiry's ranges first, then the marking's, each in
 * id order. A thread whose ranges held fewer rewards, or expired rather than marked, takes a
 * share of the marking instead of leaving its core idle until the last range is done. A range
 * that starts once the run is asked to stop ends STOPPED before it changes anything (Spring Batch
 * checks at the start of every step), and the same command settles it later.
 */
public final class SettlingThreads extends AbstractPartitionHandler {

    /**
     * Expiry before marking, each in id order, by the partitions' names ({@link SettlingRanges}):
     * a partition run again after a failure gets its context only once it starts.
     */
    private static final Comparator<StepExecution> ORDER = Comparator
            .comparing((StepExecution partition) -> SettlingRanges.pass(partition.getStepName()) != PaidRewardsMarking.Pass.EXPIRE)
            .thenComparingLong(partition -> Long.parseLong(partition.getStepName().replaceAll("^.*\\D", "")));

    private final Step step;
    private final int threads;

    public SettlingThreads(Step step, int threads) {
        this.step = step;
        this.threads = threads;
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        AtomicInteger named = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads,
                task -> new Thread(task, "payout-settling-" + named.incrementAndGet()));
        try {
            List<Future<StepExecution>> running = new ArrayList<>();
            for (StepExecution partition : partitions.stream().sorted(ORDER).toList()) {
                running.add(pool.submit(() -> {
                    step.execute(partition);
                    return partition;
                }));
            }
            // every range ends before the manager goes on, even after one threw
            Set<StepExecution> settled = new LinkedHashSet<>();
            ExecutionException first = null;
            for (Future<StepExecution> range : running) {
                try {
                    settled.add(range.get());
                } catch (ExecutionException failed) {
                    first = first == null ? failed : first;
                }
            }
            if (first != null) {
                throw first;
            }
            return settled;
        } finally {
            pool.shutdown();
        }
    }
}

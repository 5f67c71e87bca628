package jp.crowdpay.jobs.payout.partitioning;

import java.time.Duration;
import java.util.Collection;
import java.util.Set;
import org.springframework.batch.core.BatchStatus;

/**
 * What the manager of remote partitions makes of them, poll after poll: how many wait in the
 * queue for a worker, how many a worker is paying, how many ended; and when to give up. It gives
 * up when partitions wait, none is being paid, and nothing has changed for the timeout: no worker
 * is taking them. Any change (a partition taken, a chunk committed, one ended) restarts the
 * clock, so a long run with fewer workers than partitions never times out, and a partition a
 * worker has taken is waited for however long it takes (should its worker die, the broker hands
 * it to the next worker).
 */
final class PartitionWatch {

    private final String step;
    private final Duration timeout;
    private final String queue;
    /** Null before the first poll. */
    private Set<Partition> last;
    private long lastChange;

    /**
     * @param step     the partitioned step, as the problem names it
     * @param nowNanos when the requests were sent: the clock starts then
     */
    PartitionWatch(String step, Duration timeout, String queue, long nowNanos) {
        this.step = step;
        this.timeout = timeout;
        this.queue = queue;
        this.lastChange = nowNanos;
    }

    /** One partition as the job repository shows it; the version moves with every update a worker makes. */
    record Partition(long id, BatchStatus status, int version) {
    }

    sealed interface Verdict permits AllEnded, Waiting, NoWorker {
    }

    record AllEnded() implements Verdict {
    }

    /** @param changed whether anything moved since the previous poll, or this is the first */
    record Waiting(String description, boolean changed) implements Verdict {
    }

    record NoWorker(String problem) implements Verdict {
    }

    Verdict observe(Collection<Partition> partitions, long nowNanos) {
        Set<Partition> now = Set.copyOf(partitions);
        boolean changed = !now.equals(last);
        if (changed && last != null) {
            lastChange = nowNanos;
        }
        last = now;
        long waiting = now.stream().filter(p -> p.status() == BatchStatus.STARTING).count();
        long paying = now.stream().filter(p -> p.status() != BatchStatus.STARTING && p.status().isRunning()).count();
        long ended = now.size() - waiting - paying;
        if (ended == now.size()) {
            return new AllEnded();
        }
        Duration unchanged = Duration.ofNanos(nowNanos - lastChange);
        if (waiting > 0 && paying == 0 && unchanged.compareTo(timeout) >= 0) {
            return new NoWorker("no worker took a partition of " + step
                    + " within payout.remote.timeout (" + timeout + "): " + waiting + " of " + now.size()
                    + " partitions wait in queue '" + queue + "' and none is being paid; start 'worker' processes"
                    + " (payout.partitioning: remote, the same queue and database), then run the same command again");
        }
        return new Waiting("waiting for " + (waiting + paying) + " of " + now.size() + " partitions: " + waiting
                + " not taken by a worker yet from queue '" + queue + "', " + paying + " being paid, " + ended
                + " ended; nothing moved for " + unchanged.toSeconds() + " s (payout.remote.timeout " + timeout + ")", changed);
    }
}

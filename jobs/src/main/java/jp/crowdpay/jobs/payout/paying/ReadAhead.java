package jp.crowdpay.jobs.payout.paying;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.batch.infrastructure.item.ItemReader;

/**
 * Reads from a source on a thread of its own, up to {@code capacity} items ahead of the one that
 * takes them, so that the source's next rows are fetched while the chunk before them is being
 * decided and recorded: on one thread the database answered the two in turn, and one of the
 * machine's cores waited. The source is read by that thread alone, in order; what it throws is
 * thrown again, in its place, to the one that takes. Nothing read ahead is lost on a failure or a
 * restart: the items are taken in the source's order, and whoever takes them keeps its own
 * position.
 */
final class ReadAhead<T> implements AutoCloseable {

    private static final Object END = new Object();

    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> queue;
    private final Thread thread;
    private volatile boolean closing;
    private boolean ended;

    ReadAhead(ItemReader<T> source, int capacity, String name) {
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(() -> fill(source), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void fill(ItemReader<T> source) {
        try {
            for (T item = source.read(); item != null; item = source.read()) {
                if (!put(item)) {
                    return;
                }
            }
            put(END);
        } catch (Exception | Error failure) {
            // an Error too: the one taking would otherwise wait for an end that never comes
            put(new Failure(failure));
        }
    }

    /** @return false when the reading is being closed: nobody will take the item */
    private boolean put(Object item) {
        try {
            while (!closing) {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
            return false;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The next item in the source's order, or null after the last. */
    @SuppressWarnings("unchecked")
    T take() throws Exception {
        if (ended) {
            return null;
        }
        Object next = queue.take();
        if (next == END) {
            ended = true;
            return null;
        }
        if (next instanceof Failure failure) {
            ended = true;
            if (failure.cause() instanceof Error error) {
                throw error;
            }
            throw (Exception) failure.cause();
        }
        return (T) next;
    }

    /**
     * Stops reading and returns once the thread has left the source, which may then be closed: a
     * fetch under way is waited for, never interrupted (a JDBC driver may close its connection on
     * an interrupt), and an interrupt of the one closing is kept for after.
     */
    @Override
    public void close() {
        closing = true;
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException again) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}

package jp.crowdpay.jobs.runs;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Turns SIGTERM (and Ctrl-C's SIGINT) into a graceful stop: the running execution is asked to
 * stop, finishes its current chunk, is marked STOPPED, and the same command continues it later.
 * The signal is handled instead of shutting the JVM down, so that the launch reports the stop
 * and the process ends with the exit code of a stopped run, not the shell's 128 + signal. Any
 * other shutdown (SIGHUP, System.exit) still stops the run gracefully from a shutdown hook, the
 * JVM waiting for it up to a limit. kill -9 or a power cut are covered by restart instead.
 */
final class GracefulStop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final long MAX_WAIT_SECONDS = 120;
    private static final long RECHECK_MILLIS = 100;
    private static final String[] STOP_SIGNALS = {"TERM", "INT"};

    /** The launches under way in this process; a stop signal with none of them does what it did before. */
    private static final Set<GracefulStop> ACTIVE = ConcurrentHashMap.newKeySet();
    private static final ConcurrentHashMap<String, SignalHandler> PREVIOUS_HANDLERS = new ConcurrentHashMap<>();

    private final String jobName;
    private final JobRepository jobRepository;
    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);
    private volatile String signal;

    private GracefulStop(String jobName, JobRepository jobRepository) {
        this.jobName = jobName;
        this.jobRepository = jobRepository;
        this.hook = new Thread(this::stopAndWait, "graceful-stop-" + jobName);
    }

    static GracefulStop register(String jobName, JobRepository jobRepository) {
        handleStopSignals();
        GracefulStop stop = new GracefulStop(jobName, jobRepository);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        ACTIVE.add(stop);
        return stop;
    }

    /** The signal that stopped the launch, as its shell name (SIGTERM), if one did. */
    Optional<String> signal() {
        return Optional.ofNullable(signal).map(name -> "SIG" + name);
    }

    private static synchronized void handleStopSignals() {
        for (String name : STOP_SIGNALS) {
            if (!PREVIOUS_HANDLERS.containsKey(name)) {
                try {
                    PREVIOUS_HANDLERS.put(name, Signal.handle(new Signal(name), GracefulStop::onSignal));
                } catch (IllegalArgumentException reservedByTheJvm) {
                    // run with -Xrs, say: the shutdown hook still stops the run gracefully
                    PREVIOUS_HANDLERS.put(name, SignalHandler.SIG_DFL);
                }
            }
        }
    }

    /** Runs on a thread of its own for each signal received. */
    private static void onSignal(Signal received) {
        if (ACTIVE.isEmpty()) {
            PREVIOUS_HANDLERS.get(received.getName()).handle(received);
            return;
        }
        ACTIVE.forEach(stop -> {
            stop.signal = received.getName();
            stop.stopRunning();
        });
    }

    private void stopAndWait() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
        stopRunning();
        try {
            if (!finished.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                log.warn("{} did not stop within {} s; the same command continues it", jobName, MAX_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The signal may come before the launch has recorded its execution: looks again until there
     * is one to stop, or the launch has ended without one.
     */
    private void stopRunning() {
        try {
            while (!askRunningToStop()) {
                if (finished.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Asks every running execution of the job to stop; false if there was none. Only the job
     * execution is marked STOPPING: each step reads that when it saves its next chunk, marks
     * itself to end and ends STOPPED. {@code JobOperator.stop} would also save the running step
     * executions from this thread, a second writer of rows the step's own thread updates at
     * every commit, and whichever loses that race ends FAILED on an optimistic-locking error
     * instead of STOPPED.
     */
    private boolean askRunningToStop() {
        var running = jobRepository.findRunningJobExecutions(jobName);
        for (JobExecution execution : running) {
            if (execution.getStatus() == BatchStatus.STOPPING) {
                continue;
            }
            try {
                log.warn("{}: termination signal received, stopping execution {} after its current chunk", jobName, execution.getId());
                execution.setStatus(BatchStatus.STOPPING);
                jobRepository.update(execution);
            } catch (Exception e) {
                log.warn("{}: could not ask execution {} to stop: {}", jobName, execution.getId(), e.getMessage());
            }
        }
        return !running.isEmpty();
    }

    @Override
    public void close() {
        ACTIVE.remove(this);
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it waits for the countDown above
        }
    }
}

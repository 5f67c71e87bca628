package jp.crowdpay.jobs.runs;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Turns SIGTERM into a graceful stop: the running execution is asked to stop, finishes its
 * current chunk, is marked STOPPED, and the same command continues it later. The JVM waits for
 * that (up to a limit) before it exits; kill -9 or a power cut are covered by restart instead.
 */
final class GracefulStop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);
    private static final long MAX_WAIT_SECONDS = 120;
    private static final long RECHECK_MILLIS = 100;

    private final Thread hook;
    private final CountDownLatch finished = new CountDownLatch(1);

    private GracefulStop(String jobName, JobOperator jobOperator, JobRepository jobRepository) {
        this.hook = new Thread(() -> stop(jobName, jobOperator, jobRepository), "graceful-stop-" + jobName);
    }

    static GracefulStop register(String jobName, JobOperator jobOperator, JobRepository jobRepository) {
        GracefulStop stop = new GracefulStop(jobName, jobOperator, jobRepository);
        Runtime.getRuntime().addShutdownHook(stop.hook);
        return stop;
    }

    private void stop(String jobName, JobOperator jobOperator, JobRepository jobRepository) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MAX_WAIT_SECONDS);
        try {
            // the signal may come before the launch has recorded its execution: look again until
            // there is one to stop, or the launch has ended without one
            while (!stopRunning(jobName, jobOperator, jobRepository)) {
                if (finished.await(RECHECK_MILLIS, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
            if (!finished.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
                log.warn("{} did not stop within {} s; the same command continues it", jobName, MAX_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Asks every running execution of the job to stop; false if there was none. */
    private static boolean stopRunning(String jobName, JobOperator jobOperator, JobRepository jobRepository) {
        var running = jobRepository.findRunningJobExecutions(jobName);
        for (JobExecution execution : running) {
            try {
                log.warn("{}: termination signal received, stopping execution {} after its current chunk", jobName, execution.getId());
                jobOperator.stop(execution);
            } catch (Exception e) {
                log.warn("{}: could not ask execution {} to stop: {}", jobName, execution.getId(), e.getMessage());
            }
        }
        return !running.isEmpty();
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run: it waits for the countDown above
        }
    }
}

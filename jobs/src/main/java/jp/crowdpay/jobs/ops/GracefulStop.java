package jp.crowdpay.jobs.ops;

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
        for (JobExecution running : jobRepository.findRunningJobExecutions(jobName)) {
            try {
                log.warn("{}: termination signal received, stopping execution {} after its current chunk", jobName, running.getId());
                jobOperator.stop(running);
            } catch (Exception e) {
                log.warn("{}: could not ask execution {} to stop: {}", jobName, running.getId(), e.getMessage());
            }
        }
        try {
            if (!finished.await(MAX_WAIT_SECONDS, TimeUnit.SECONDS)) {
                log.warn("{} did not stop within {} s; the same command continues it", jobName, MAX_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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

package jp.crowdpay.jobs.payout.partitioning;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.partition.support.AbstractPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.messaging.MessageChannel;

/**
 * The manager side of remote partitioning: sends one request per partition to the queue, then
 * reads the job repository every poll interval until every partition has ended. Unlike Spring
 * Batch's own handler it does not wait forever when no worker runs: {@link PartitionWatch} says
 * when to give up, and the wait is logged (on a change, and every 10 s) with what it waits for.
 */
public class RemotePartitionHandler extends AbstractPartitionHandler {

    private static final Logger log = LoggerFactory.getLogger(RemotePartitionHandler.class);
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private final String workerStep;
    private final MessageChannel requests;
    private final JobRepository jobRepository;
    private final PayoutProperties.Remote settings;

    /** @param workerStep the step a worker runs for each request, by its bean name */
    public RemotePartitionHandler(String workerStep, MessageChannel requests, JobRepository jobRepository,
                                  PayoutProperties.Remote settings, int partitions) {
        this.workerStep = workerStep;
        this.requests = requests;
        this.jobRepository = jobRepository;
        this.settings = settings;
        setGridSize(partitions);
    }

    @Override
    protected Set<StepExecution> doHandle(StepExecution manager, Set<StepExecution> partitions) throws Exception {
        if (partitions.isEmpty()) {
            return partitions;
        }
        for (StepExecution partition : partitions) {
            requests.send(MessageBuilder.withPayload(
                    new StepExecutionRequest(workerStep, partition.getId())).build());
        }
        Set<Long> ids = partitions.stream().map(StepExecution::getId).collect(Collectors.toSet());
        PartitionWatch watch = new PartitionWatch(manager.getStepName(), settings.timeout(), settings.queue(),
                System.nanoTime());
        long lastLogged = 0;
        while (true) {
            Thread.sleep(settings.pollInterval().toMillis());
            JobExecution job = jobRepository.getJobExecution(manager.getJobExecutionId());
            List<StepExecution> current = job.getStepExecutions().stream().filter(step -> ids.contains(step.getId())).toList();
            PartitionWatch.Verdict verdict = watch.observe(current.stream()
                    .map(step -> new PartitionWatch.Partition(step.getId(), step.getStatus(), step.getVersion()))
                    .toList(), System.nanoTime());
            if (verdict instanceof PartitionWatch.AllEnded) {
                return new HashSet<>(current);
            }
            if (verdict instanceof PartitionWatch.NoWorker noWorker) {
                throw new IllegalStateException(noWorker.problem());
            }
            PartitionWatch.Waiting waiting = (PartitionWatch.Waiting) verdict;
            long now = System.nanoTime();
            if (waiting.changed() || now - lastLogged >= LOG_INTERVAL.toNanos()) {
                lastLogged = now;
                log.info("{}: {}", manager.getStepName(), waiting.description());
            }
        }
    }
}

package jp.crowdpay.jobs.payout.paying;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankmaster.BankMaster;
import jp.crowdpay.jobs.payout.marking.PaidRewardsMarking;
import jp.crowdpay.jobs.payout.marking.PaidRewardsProof;
import jp.crowdpay.jobs.payout.marking.SettleRewardsTasklet;
import jp.crowdpay.jobs.payout.partitioning.PayoutPartitionMessaging;
import jp.crowdpay.jobs.payout.partitioning.RemotePartitionHandler;
import jp.crowdpay.jobs.payout.partitioning.StaleRequestGuard;
import jp.crowdpay.jobs.payout.partitioning.WorkerIdPartitioner;
import jp.crowdpay.jobs.payout.partitioning.WorkerRange;
import jp.crowdpay.jobs.payout.rules.AccountChecker;
import jp.crowdpay.jobs.payout.rules.BankFileFit;
import jp.crowdpay.jobs.payout.rules.LockedRowsRule;
import jp.crowdpay.jobs.payout.run.PayoutJobParameters;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.run.RunOfTheStep;
import jp.crowdpay.jobs.payout.settings.PayingStepShape;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.runs.SingleRunGuard;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The paying step of the nightly payout, the marking of the rewards it paid and the expiry that
 * runs beside the marking, in the shape the settings ask for ({@link PayingStepShape}):
 * one chunk step, or a manager that splits the workers into id ranges and runs
 * {@code payWorkersPartitionStep} once per range, on local threads or in worker processes. Either
 * way each range resumes from its own last committed chunk, and a restart re-runs only the
 * partitions that did not complete.
 */
@Configuration
public class PayingStepConfiguration {

    public static final String PAY_WORKERS_STEP = "payWorkersStep";
    /** Also the bean name: remote workers look the step up by it. */
    public static final String PARTITION_STEP = "payWorkersPartitionStep";
    static final String LOCKED_WORKERS_STEP = "payLockedWorkersStep";
    static final String EXPIRE_STEP = "expireRewardsStep";
    static final String MARK_STEP = "markPaidRewardsStep";
    static final String MARK_PARTITION_STEP = "markPaidRewardsPartitionStep";

    @Bean
    public Step payWorkersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               UnpaidRewardsReader unpaidRewardsReader, PayoutWriter payoutWriter,
                               PayoutProgress payoutProgress, SingleRunGuard guard, PayoutProperties settings,
                               Step payWorkersPartitionStep, JdbcTemplate jdbc,
                               ObjectProvider<PayoutPartitionMessaging> remote,
                               @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        PayingStepShape shape = PayingStepShape.of(settings);
        if (shape.single()) {
            return chunkStep(new StepBuilder(PAY_WORKERS_STEP, jobRepository), transactionManager,
                    unpaidRewardsReader, payoutWriter, payoutProgress, guard, settings);
        }
        WorkerIdPartitioner byWorkerId = new WorkerIdPartitioner(jdbc);
        if (shape.remote()) {
            return new StepBuilder(PAY_WORKERS_STEP, jobRepository)
                    .partitioner(PARTITION_STEP, byWorkerId)
                    .partitionHandler(new RemotePartitionHandler(PARTITION_STEP, remote.getObject().partitionRequests(), jobRepository,
                            settings.remote(), settings.partitions()))
                    .build();
        }
        shape.checkPoolSize(poolSize);
        return new StepBuilder(PAY_WORKERS_STEP, jobRepository)
                .partitioner(PARTITION_STEP, byWorkerId)
                .step(payWorkersPartitionStep)
                .gridSize(settings.partitions())
                .taskExecutor(new SimpleAsyncTaskExecutor("payout-partition-"))
                .build();
    }

    /** One range of workers; in remote mode it is what a worker process runs for each request it takes. */
    @Bean
    public Step payWorkersPartitionStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                        UnpaidRewardsReader unpaidRewardsReader, PayoutWriter payoutWriter,
                                        PayoutProgress payoutProgress, SingleRunGuard guard, PayoutProperties settings,
                                        ObjectProvider<PayoutPartitionMessaging> remote,
                                        BeanFactory beanFactory) {
        StepBuilder builder = PayingStepShape.of(settings).remote()
                ? new RemotePartitioningWorkerStepBuilder(PARTITION_STEP, jobRepository)
                        .inputChannel(remote.getObject().partitionWork())
                        .beanFactory(beanFactory)
                        .listener(new StaleRequestGuard(jobRepository))
                : new StepBuilder(PARTITION_STEP, jobRepository);
        return chunkStep(builder, transactionManager, unpaidRewardsReader, payoutWriter, payoutProgress, guard, settings);
    }

    /**
     * Tries again the workers whose rows another transaction held when their chunk tried to take
     * them, whatever the paying step's shape: in the payout process, on one thread.
     */
    @Bean
    public Step payLockedWorkersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                     LockedWorkersTasklet lockedWorkersTasklet) {
        return new StepBuilder(LOCKED_WORKERS_STEP, jobRepository)
                .tasklet(lockedWorkersTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    LockedWorkersTasklet lockedWorkersTasklet(JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                              RunOfTheStep runOfTheStep, PaidRewardsMarking marking, WorkersSetAside setAside,
                                              LockWaitLog waits, BankMaster bankMaster, BankFileFormat bankFileFormat,
                                              SingleRunGuard guard, PayoutProperties settings) {
        // the workers set aside lie spread over the run: their rewards are marked by their ids
        ChunkLedger chunks = new ChunkLedger(jdbc, marking, runOfTheStep.run(), false);
        return new LockedWorkersTasklet(chunks, setAside, writer(chunks, jdbc, transactionManager, setAside, waits,
                bankMaster, bankFileFormat, settings, LOCKED_WORKERS_STEP), guard, settings.lockedRowsRule(), settings.chunkSize());
    }

    /**
     * Expires the rewards past their deadline by ranges of reward ids, each range in its own
     * transaction, on one thread of the payout process beside the marking: no balance includes
     * them, and neither pass touches a row the other changes.
     */
    @Bean
    public Step expireRewardsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  SettleRewardsTasklet expireRewardsTasklet) {
        return new StepBuilder(EXPIRE_STEP, jobRepository)
                .tasklet(expireRewardsTasklet, transactionManager)
                .build();
    }

    @Bean
    @StepScope
    SettleRewardsTasklet expireRewardsTasklet(RunOfTheStep runOfTheStep, PaidRewardsMarking marking, PaidRewardsProof proof,
                                              SingleRunGuard guard, PayoutProperties settings) {
        return new SettleRewardsTasklet(PaidRewardsMarking.Pass.EXPIRE, runOfTheStep.run(), marking, proof, guard,
                settings.markingRange());
    }

    /**
     * Marks the paid rewards by ranges of reward ids, each range in its own transaction; with
     * local partitions, on as many threads, which take the ranges in turn. A worker process
     * never marks by ranges: in remote partitioning the payout process does it on one thread.
     * A run that marks in the paying chunks only proves its payouts here.
     */
    @Bean
    public Step markPaidRewardsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                    SettleRewardsTasklet markPaidRewardsTasklet, PayoutProperties settings,
                                    PaidRewardsProof proof, RunOfTheStep runOfTheStep) {
        PayingStepShape shape = PayingStepShape.of(settings);
        Step ranges = new StepBuilder(shape.single() || shape.remote() ? MARK_STEP : MARK_PARTITION_STEP, jobRepository)
                .tasklet(markPaidRewardsTasklet, transactionManager)
                .build();
        if (shape.single() || shape.remote()) {
            return ranges;
        }
        return new StepBuilder(MARK_STEP, jobRepository)
                .partitioner(MARK_PARTITION_STEP, gridSize -> {
                    Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
                    for (int partition = 0; partition < gridSize; partition++) {
                        ExecutionContext context = new ExecutionContext();
                        context.putInt(SettleRewardsTasklet.PARTITION, partition);
                        context.putInt(SettleRewardsTasklet.PARTITIONS, gridSize);
                        partitions.put("partition" + partition, context);
                    }
                    return partitions;
                })
                .step(ranges)
                .gridSize(settings.partitions())
                .taskExecutor(new SimpleAsyncTaskExecutor("payout-marking-"))
                .aggregator((manager, partitions) -> {
                    new DefaultStepExecutionAggregator().aggregate(manager, partitions);
                    if (partitions.stream().allMatch(partition -> partition.getStatus() == BatchStatus.COMPLETED)) {
                        proof.prove(runOfTheStep.run());
                    }
                })
                .build();
    }

    @Bean
    @StepScope
    SettleRewardsTasklet markPaidRewardsTasklet(RunOfTheStep runOfTheStep, PaidRewardsMarking marking, PaidRewardsProof proof,
                                                SingleRunGuard guard, PayoutProperties settings) {
        return new SettleRewardsTasklet(PaidRewardsMarking.Pass.MARK, runOfTheStep.run(), marking, proof, guard,
                settings.markingRange());
    }

    private static Step chunkStep(StepBuilder builder, PlatformTransactionManager transactionManager,
                                  UnpaidRewardsReader reader, PayoutWriter writer, PayoutProgress progress,
                                  SingleRunGuard guard, PayoutProperties settings) {
        // the writer decides each worker inside the chunk's transaction, from rows it locks there
        return builder
                .<UnpaidRewards, UnpaidRewards>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(reader)
                .writer(writer)
                .listener(progress)
                .listener(guard.chunkCheck(PayoutJobParameters.JOB_NAME))
                .build();
    }

    @Bean
    @StepScope
    PayoutProgress payoutProgress(RunOfTheStep runOfTheStep) {
        PayoutRun run = runOfTheStep.run();
        // those that expire tonight are among them, and are never read: the estimate of the time left errs long
        return new PayoutProgress(run.unpaidBeforeCount(), Duration.ofSeconds(10));
    }

    @Bean
    @StepScope
    UnpaidRewardsReader unpaidRewardsReader(DataSource dataSource, RunOfTheStep runOfTheStep,
                                            @Value("#{stepExecution}") StepExecution stepExecution) {
        return new UnpaidRewardsReader(dataSource, runOfTheStep.run(), WorkerRange.of(stepExecution.getExecutionContext()));
    }

    @Bean
    @StepScope
    PayoutWriter payoutWriter(JdbcTemplate jdbc, PlatformTransactionManager transactionManager, RunOfTheStep runOfTheStep,
                              PaidRewardsMarking marking, WorkersSetAside setAside, LockWaitLog waits, BankMaster bankMaster,
                              BankFileFormat bankFileFormat, PayoutProperties settings) {
        return writer(new ChunkLedger(jdbc, marking, runOfTheStep.run(), true), jdbc, transactionManager, setAside, waits,
                bankMaster, bankFileFormat, settings, PAY_WORKERS_STEP);
    }

    private static PayoutWriter writer(ChunkLedger chunks, JdbcTemplate jdbc, PlatformTransactionManager transactionManager,
                                       WorkersSetAside setAside, LockWaitLog waits, BankMaster bankMaster,
                                       BankFileFormat bankFileFormat, PayoutProperties settings, String step) {
        TransactionTemplate savepoint = new TransactionTemplate(transactionManager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        LockedRowsRule lockedRows = settings.lockedRowsRule();
        // the master is read once per step: an import during the step cannot split the run's rules
        return new PayoutWriter(chunks, new PlatformRows(jdbc, savepoint, waits, lockedRows.lockTimeout(), step), setAside,
                savepoint, settings.withdrawalRule(), new AccountChecker(bankMaster.knownCodes()), new BankFileFit(bankFileFormat),
                lockedRows, step);
    }
}

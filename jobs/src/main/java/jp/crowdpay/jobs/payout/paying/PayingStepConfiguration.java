package jp.crowdpay.jobs.payout.paying;

import java.time.Duration;
import javax.sql.DataSource;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankmaster.BankMaster;
import jp.crowdpay.jobs.payout.marking.PaidRewardsMarking;
import jp.crowdpay.jobs.payout.marking.PaidRewardsProof;
import jp.crowdpay.jobs.payout.marking.SettleRewardsTasklet;
import jp.crowdpay.jobs.payout.marking.SettlingRanges;
import jp.crowdpay.jobs.payout.marking.SettlingThreads;
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
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.DefaultStepExecutionAggregator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
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
 * The paying step of the nightly payout, in the shape the settings ask for ({@link PayingStepShape}):
 * one chunk step, or a manager that splits the workers into id ranges and runs
 * {@code payWorkersPartitionStep} once per range, on local threads or in worker processes. Either
 * way each range resumes from its own last committed chunk, and a restart re-runs only the
 * partitions that did not complete. And the settling of the rewards after it: their expiry, and
 * the marking of those it paid.
 */
@Configuration
public class PayingStepConfiguration {

    public static final String PAY_WORKERS_STEP = "payWorkersStep";
    /** Also the bean name: remote workers look the step up by it. */
    public static final String PARTITION_STEP = "payWorkersPartitionStep";
    static final String LOCKED_WORKERS_STEP = "payLockedWorkersStep";
    static final String SETTLE_STEP = "settleRewardsStep";
    static final String SETTLE_RANGE_STEP = "settleRewardRangeStep";

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
     * Settles the run's rewards once every worker is paid: expires those past their deadline and
     * marks those of the workers it paid, by ranges of reward ids, each range a partition in its
     * own transaction ({@link SettlingRanges}). The ranges are taken in turn by as many threads as
     * the paying step had partitions, and at least two (two of the payout process with remote
     * partitioning), so that a single step keeps two backends busy to the end of the settling:
     * when the expiry and the marking were steps of their own, side by side, the expiry's thread
     * ended first and its core idled for the rest of the marking; a third thread on two cores
     * made the settling slower (docs/benchmark.md). Once every range is done the run
     * proves that each payout has exactly its rewards; a run that marks in its paying chunks has
     * only expiry ranges, and the proof.
     */
    @Bean
    public Step settleRewardsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  SettleRewardsTasklet settleRewardsTasklet, Partitioner settlingRanges,
                                  PaidRewardsProof proof, RunOfTheStep runOfTheStep, PayoutProperties settings) {
        Step range = new StepBuilder(SETTLE_RANGE_STEP, jobRepository)
                .tasklet(settleRewardsTasklet, transactionManager)
                .build();
        return new StepBuilder(SETTLE_STEP, jobRepository)
                .partitioner(SETTLE_RANGE_STEP, settlingRanges)
                .partitionHandler(new SettlingThreads(range, settlingThreads(settings)))
                .aggregator((manager, partitions) -> {
                    new DefaultStepExecutionAggregator().aggregate(manager, partitions);
                    if (partitions.stream().allMatch(partition -> partition.getStatus() == BatchStatus.COMPLETED)) {
                        proof.prove(runOfTheStep.run());
                    }
                })
                .build();
    }

    private static int settlingThreads(PayoutProperties settings) {
        PayingStepShape shape = PayingStepShape.of(settings);
        return shape.remote() ? 2 : Math.max(2, settings.partitions());
    }

    @Bean
    @StepScope
    Partitioner settlingRanges(RunOfTheStep runOfTheStep, PaidRewardsMarking marking, PayoutProperties settings) {
        return new SettlingRanges(runOfTheStep.run(), marking, settings.markingRange(), settlingThreads(settings));
    }

    @Bean
    @StepScope
    SettleRewardsTasklet settleRewardsTasklet(RunOfTheStep runOfTheStep, PaidRewardsMarking marking, SingleRunGuard guard) {
        return new SettleRewardsTasklet(runOfTheStep.run(), marking, guard);
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

package jp.crowdpay.jobs.payout;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import javax.sql.DataSource;
import jp.crowdpay.jobs.bankfile.BankCalendar;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankfile.BankFileProperties;
import jp.crowdpay.jobs.bankfile.CsvBankFileFormat;
import jp.crowdpay.jobs.bankfile.CsvLayoutFile;
import jp.crowdpay.jobs.bankfile.HolidayCalendarFile;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.bankfile.ZenginBankFileFormat;
import jp.crowdpay.jobs.bankmaster.BankMaster;
import jp.crowdpay.jobs.ops.SingleRunGuard;
import jp.crowdpay.jobs.shared.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningWorkerStepBuilder;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The nightly payout, keyed by its business date (job parameter {@code businessDate}, no
 * incrementer: the same date is the same run). Every step is safe to repeat after a crash:
 * the run's scope is fixed when it opens, and each step either commits whole or resumes from
 * its last committed chunk.
 */
@Configuration
public class NightlyPayoutJobConfiguration {

    private static final Logger log = LoggerFactory.getLogger(NightlyPayoutJobConfiguration.class);

    public static final String JOB_NAME = "nightlyPayoutJob";
    public static final String BUSINESS_DATE = "businessDate";
    static final String PAY_WORKERS_STEP = "payWorkersStep";
    /** Also the bean name: remote workers look the step up by it. */
    static final String PARTITION_STEP = "payWorkersPartitionStep";

    @Bean
    public Job nightlyPayoutJob(JobRepository jobRepository, Step openRunStep, Step expireRewardsStep,
                                Step payWorkersStep, Step writeBankFileStep, Step closeRunStep) {
        return new JobBuilder(JOB_NAME, jobRepository)
                .start(openRunStep)
                .next(expireRewardsStep)
                .next(payWorkersStep)
                .next(writeBankFileStep)
                .next(closeRunStep)
                .build();
    }

    @Bean
    public Step openRunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            PayoutLedger ledger) {
        return new StepBuilder("openRunStep", jobRepository)
                .tasklet((contribution, context) -> {
                    ledger.open(businessDate(contribution));
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Step expireRewardsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  PayoutLedger ledger, PayoutProperties settings) {
        return new StepBuilder("expireRewardsStep", jobRepository)
                .tasklet((contribution, context) -> {
                    LocalDate businessDate = businessDate(contribution);
                    PayoutRun run = ledger.get(businessDate);
                    if (!run.expiryDone()) {
                        long started = System.nanoTime();
                        ledger.expire(run, settings.rewardDeadline().expiredIfConfirmedBefore(businessDate));
                        PayoutRun expired = ledger.get(businessDate);
                        log.info("expireRewardsStep: expired {} rewards ({} yen) confirmed before {} in {} ms",
                                expired.expiredCount(), expired.expiredYen(),
                                settings.rewardDeadline().expiredIfConfirmedBefore(businessDate),
                                (System.nanoTime() - started) / 1_000_000);
                    }
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    /**
     * Today's chunk step when {@code payout.partitions} is 1 and local; otherwise a manager that
     * splits the workers into id ranges and runs {@link #payWorkersPartitionStep} once per range,
     * on local threads or in worker processes. Either way each range resumes from its own last
     * committed chunk, and a restart re-runs only the partitions that did not complete.
     */
    @Bean
    public Step payWorkersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               WorkerBalanceReader workerBalanceReader, PayoutWriter payoutWriter,
                               PayoutProgress payoutProgress, SingleRunGuard guard, PayoutProperties settings,
                               Step payWorkersPartitionStep, JdbcTemplate jdbc,
                               ObjectProvider<PayoutPartitionMessaging> remote, BeanFactory beanFactory,
                               @Value("${spring.datasource.hikari.maximum-pool-size:10}") int poolSize) {
        if (settings.singleStep()) {
            return chunkStep(new StepBuilder(PAY_WORKERS_STEP, jobRepository), transactionManager,
                    workerBalanceReader, payoutWriter, payoutProgress, guard, settings);
        }
        Partitioner byWorkerId = gridSize -> {
            Map<String, Object> ids = jdbc.queryForMap("select coalesce(min(id), 1) as lo, coalesce(max(id), 1) as hi from worker");
            return WorkerRange.split((Long) ids.get("lo"), (Long) ids.get("hi"), gridSize);
        };
        if (settings.partitioning() == PayoutProperties.Partitioning.REMOTE) {
            return new RemotePartitioningManagerStepBuilder(PAY_WORKERS_STEP, jobRepository)
                    .partitioner(PARTITION_STEP, byWorkerId)
                    .gridSize(settings.partitions())
                    .outputChannel(remote.getObject().partitionRequests())
                    .pollInterval(settings.remote().pollInterval().toMillis())
                    .beanFactory(beanFactory)
                    .build();
        }
        // each partition holds two connections: the reader's cursor and the chunk's transaction
        int needed = 2 * settings.partitions() + 2;
        if (needed > poolSize) {
            throw new InvalidSettingException("payout.partitions", settings.partitions() + " local partitions need "
                    + needed + " connections, spring.datasource.hikari.maximum-pool-size is " + poolSize);
        }
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
                                        WorkerBalanceReader workerBalanceReader, PayoutWriter payoutWriter,
                                        PayoutProgress payoutProgress, SingleRunGuard guard, PayoutProperties settings,
                                        ObjectProvider<PayoutPartitionMessaging> remote,
                                        BeanFactory beanFactory) {
        StepBuilder builder = settings.partitioning() == PayoutProperties.Partitioning.REMOTE
                ? new RemotePartitioningWorkerStepBuilder(PARTITION_STEP, jobRepository)
                        .inputChannel(remote.getObject().partitionWork())
                        .beanFactory(beanFactory)
                        .listener(new StaleRequestGuard(jobRepository))
                : new StepBuilder(PARTITION_STEP, jobRepository);
        return chunkStep(builder, transactionManager, workerBalanceReader, payoutWriter, payoutProgress, guard, settings);
    }

    private static Step chunkStep(StepBuilder builder, PlatformTransactionManager transactionManager,
                                  WorkerBalanceReader reader, PayoutWriter writer, PayoutProgress progress,
                                  SingleRunGuard guard, PayoutProperties settings) {
        WithdrawalRule rule = settings.withdrawalRule();
        return builder
                .<WorkerBalance, Decision>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(reader)
                .processor(rule::decide)
                .writer(writer)
                .listener(progress)
                .listener(guard.chunkCheck(JOB_NAME))
                .build();
    }

    @Bean
    @StepScope
    PayoutProgress payoutProgress(PayoutLedger ledger, @Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
        PayoutRun run = ledger.get(businessDate);
        return new PayoutProgress(run.unpaidBeforeCount() - run.expiredCount(), Duration.ofSeconds(10));
    }

    @Bean
    @StepScope
    WorkerBalanceReader workerBalanceReader(DataSource dataSource, PayoutLedger ledger, BankMaster bankMaster,
                                            @Value("#{jobParameters['businessDate']}") LocalDate businessDate,
                                            @Value("#{stepExecution}") StepExecution stepExecution) {
        // the master is read once per step: an import during the step cannot split the run's rules
        return new WorkerBalanceReader(dataSource, ledger.get(businessDate), new AccountChecker(bankMaster.knownCodes()),
                WorkerRange.of(stepExecution.getExecutionContext()));
    }

    @Bean
    @StepScope
    PayoutWriter payoutWriter(JdbcTemplate jdbc, PayoutLedger ledger,
                              @Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
        return new PayoutWriter(jdbc, ledger.get(businessDate));
    }

    @Bean
    public Step writeBankFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  PayoutLedger ledger, PayoutBankFile bankFile, Outbox outbox) {
        return new StepBuilder("writeBankFileStep", jobRepository)
                .tasklet((contribution, context) -> {
                    PayoutRun run = ledger.get(businessDate(contribution));
                    var manifest = bankFile.publish(run, outbox);
                    ledger.recordBankFile(run, manifest.file(), manifest.sha256());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Step closeRunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             PayoutLedger ledger, PayoutBankFile bankFile, Outbox outbox) {
        return new StepBuilder("closeRunStep", jobRepository)
                .tasklet(new CloseRunTasklet(ledger, bankFile, outbox), transactionManager)
                .build();
    }

    @Bean
    Outbox outbox(PayoutProperties settings) {
        return new Outbox(settings.outbox());
    }

    /** Built at start, so that a missing holiday file or layout stops the program before it pays. */
    @Bean
    BankFileFormat bankFileFormat(BankFileProperties settings) {
        if (settings.format() == BankFileProperties.Format.ZENGIN) {
            HolidayCalendarFile holidays;
            try {
                holidays = HolidayCalendarFile.load(settings.holidays());
            } catch (RuntimeException unreadable) {
                throw new InvalidSettingException("payout.bank-file.holidays", unreadable.getMessage());
            }
            return new ZenginBankFileFormat(settings.zengin(), new BankCalendar(holidays), settings.leadDays());
        }
        try {
            return new CsvBankFileFormat(CsvLayoutFile.load(settings.layouts(), settings.csvLayout()));
        } catch (IllegalArgumentException badLayout) {
            throw new InvalidSettingException("payout.bank-file.csv-layout", badLayout.getMessage());
        }
    }

    static LocalDate businessDate(StepContribution contribution) {
        return contribution.getStepExecution().getJobExecution().getJobParameters().getLocalDate(BUSINESS_DATE);
    }
}

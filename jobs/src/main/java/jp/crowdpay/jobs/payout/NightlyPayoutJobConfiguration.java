package jp.crowdpay.jobs.payout;

import java.time.Duration;
import java.time.LocalDate;
import javax.sql.DataSource;
import jp.crowdpay.jobs.bankfile.BankCalendar;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankfile.BankFileProperties;
import jp.crowdpay.jobs.bankfile.CsvBankFileFormat;
import jp.crowdpay.jobs.bankfile.CsvLayoutFile;
import jp.crowdpay.jobs.bankfile.HolidayCalendarFile;
import jp.crowdpay.jobs.bankfile.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import jp.crowdpay.jobs.bankfile.ZenginBankFileFormat;
import jp.crowdpay.jobs.bankmaster.BankMaster;
import jp.crowdpay.jobs.shared.InvalidSettingException;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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

    @Bean
    public Step payWorkersStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                               WorkerBalanceReader workerBalanceReader, PayoutWriter payoutWriter,
                               PayoutProgress payoutProgress, PayoutProperties settings) {
        WithdrawalRule rule = settings.withdrawalRule();
        return new StepBuilder("payWorkersStep", jobRepository)
                .<WorkerBalance, Decision>chunk(settings.chunkSize())
                .transactionManager(transactionManager)
                .reader(workerBalanceReader)
                .processor(rule::decide)
                .writer(payoutWriter)
                .listener(payoutProgress)
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
                                            @Value("#{jobParameters['businessDate']}") LocalDate businessDate) {
        // the master is read once per step: an import during the step cannot split the run's rules
        return new WorkerBalanceReader(dataSource, ledger.get(businessDate), new AccountChecker(bankMaster.knownCodes()));
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

package jp.crowdpay.jobs.payout;

import java.time.LocalDate;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankfile.BankFileProperties;
import jp.crowdpay.jobs.bankfile.CsvBankFileFormat;
import jp.crowdpay.jobs.bankfile.CsvLayoutFile;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.bankfile.ZenginBankFileFormat;
import jp.crowdpay.jobs.bankfile.calendar.BankCalendar;
import jp.crowdpay.jobs.bankfile.calendar.HolidayCalendarFile;
import jp.crowdpay.jobs.payout.handover.BankFileStaging;
import jp.crowdpay.jobs.payout.handover.PayoutBankFile;
import jp.crowdpay.jobs.payout.marking.PaidRewardsMarking;
import jp.crowdpay.jobs.payout.paying.LockWaitLog;
import jp.crowdpay.jobs.payout.paying.PayingStepConfiguration;
import jp.crowdpay.jobs.payout.run.PayoutJobParameters;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.run.RunOfTheStep;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.flow.Flow;
import org.springframework.batch.core.job.flow.support.SimpleFlow;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The nightly payout, keyed by its business date ({@link PayoutJobParameters}, no incrementer:
 * the same date is the same run). Every step is safe to repeat after a crash: the run's scope is
 * fixed when it opens, and each step either commits whole or resumes from its last committed
 * chunk. The paying and settling steps have a configuration of their own ({@link PayingStepConfiguration}).
 */
@Configuration
public class NightlyPayoutJobConfiguration {

    /**
     * Once every worker is paid, the run's rewards are settled (expired, or marked paid) by ranges
     * of reward ids on a few threads ({@link PayingStepConfiguration#settleRewardsStep}). Beside
     * the paying step, the expiry took the core the paying chunks' JVM and backend share, and
     * lengthened the paying by more than it saved (docs/benchmark.md). The bank file is written
     * beside the settling, from the recorded payouts, which it does not change, and published only
     * after it ({@link BankFileStaging}).
     */
    @Bean
    public Job nightlyPayoutJob(JobRepository jobRepository, Step openRunStep, Step payWorkersStep,
                                Step payLockedWorkersStep, Step settleRewardsStep, Step stageBankFileStep, Step writeBankFileStep, Step closeRunStep,
                                BankFileStaging staging) {
        Flow rewards = new FlowBuilder<SimpleFlow>("rewardsFlow").start(settleRewardsStep).build();
        Flow bankFile = new FlowBuilder<SimpleFlow>("bankFileFlow").start(stageBankFileStep).build();
        Flow settling = new FlowBuilder<SimpleFlow>("settlingFlow")
                .split(new SimpleAsyncTaskExecutor("payout-settling-")).add(rewards, bankFile).build();
        return new JobBuilder(PayoutJobParameters.JOB_NAME, jobRepository)
                .listener(staging)
                .flow(openRunStep)
                .next(payWorkersStep)
                .next(payLockedWorkersStep)
                .next(settling)
                .next(writeBankFileStep)
                .next(closeRunStep)
                .end()
                .build();
    }

    @Bean
    public Step openRunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                            PayoutLedger ledger, PaidRewardsMarking marking, PayoutProperties settings, JdbcTemplate jdbc,
                            LockWaitLog waits) {
        TransactionTemplate savepoint = new TransactionTemplate(transactionManager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        return new StepBuilder("openRunStep", jobRepository)
                .tasklet(new OpenRunTasklet(ledger, marking, settings, jdbc, savepoint, waits), transactionManager)
                .build();
    }

    /**
     * The run of the job's date, looked up once per step execution (each partition's too) when the
     * step first asks for it; the opening step, which may create the run, looks it up itself.
     */
    @Bean
    @StepScope
    RunOfTheStep runOfTheStep(PayoutLedger ledger, PayoutProperties settings,
                              @Value(PayoutJobParameters.BUSINESS_DATE_EXPRESSION) LocalDate businessDate) {
        PayoutRun run = ledger.get(businessDate);
        // runs opened before the cut-off was recorded expire by the setting, as they always did
        return new RunOfTheStep(run.expiresConfirmedBefore() != null ? run
                : run.withExpiresConfirmedBefore(settings.rewardDeadline().expiredIfConfirmedBefore(businessDate)));
    }

    @Bean
    public Step stageBankFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  RunOfTheStep runOfTheStep, BankFileStaging staging) {
        return new StepBuilder("stageBankFileStep", jobRepository)
                .tasklet((contribution, context) -> {
                    staging.stage(runOfTheStep.run());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Step writeBankFileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                  PayoutLedger ledger, RunOfTheStep runOfTheStep, BankFileStaging staging) {
        return new StepBuilder("writeBankFileStep", jobRepository)
                .tasklet((contribution, context) -> {
                    PayoutRun run = runOfTheStep.run();
                    var manifest = staging.publish(run);
                    ledger.recordBankFile(run, manifest.file(), manifest.sha256());
                    return RepeatStatus.FINISHED;
                }, transactionManager)
                .build();
    }

    @Bean
    public Step closeRunStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                             PayoutLedger ledger, RunOfTheStep runOfTheStep, PayoutBankFile bankFile, Outbox outbox) {
        return new StepBuilder("closeRunStep", jobRepository)
                .tasklet(new CloseRunTasklet(ledger, runOfTheStep, bankFile, outbox), transactionManager)
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

}

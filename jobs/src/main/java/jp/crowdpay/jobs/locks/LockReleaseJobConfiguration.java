package jp.crowdpay.jobs.locks;

import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import jp.crowdpay.jobs.runs.SingleRunGuard;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * lockReleaseJob: assesses every locked account into the run's plan, checks the plan against
 * the per-run cap, then releases the stale automatic locks that are still as they were read.
 */
@Configuration(proxyBeanMethods = false)
public class LockReleaseJobConfiguration {

    @Bean
    public Job lockReleaseJob(JobRepository jobRepository, Step lockAssessmentStep, Step releaseStaleLocksStep,
                              ReleaseCapDecider releaseCapDecider, LockReleaseRunListener lockReleaseRunListener) {
        return new JobBuilder(LockReleaseJobParameters.JOB_NAME, jobRepository)
                .listener(lockReleaseRunListener)
                .start(lockAssessmentStep)
                .next(releaseCapDecider).on(ReleaseCapDecider.DRY_RUN.getName()).end()
                .from(releaseCapDecider).on(ReleaseCapDecider.CAP_EXCEEDED.getName()).fail()
                .from(releaseCapDecider).on(ReleaseCapDecider.RELEASE.getName()).to(releaseStaleLocksStep)
                .end()
                .build();
    }

    @Bean
    public Step lockAssessmentStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                   JdbcPagingItemReader<LockedAccount> lockedAccountReader,
                                   LockAssessor lockAssessor, LockPlanWriter lockPlanWriter,
                                   SingleRunGuard guard, LockReleaseProperties properties) {
        return new StepBuilder("lockAssessmentStep", jobRepository)
                .<LockedAccount, PlannedLock>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(lockedAccountReader)
                .processor(lockAssessor)
                .writer(lockPlanWriter)
                .listener(guard.chunkCheck(LockReleaseJobParameters.JOB_NAME))
                .build();
    }

    @Bean
    public Step releaseStaleLocksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                      JdbcPagingItemReader<PlannedLock> plannedReleaseReader,
                                      LockReleaser lockReleaser, SingleRunGuard guard,
                                      LockReleaseProperties properties) {
        return new StepBuilder("releaseStaleLocksStep", jobRepository)
                .<PlannedLock, PlannedLock>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(plannedReleaseReader)
                .writer(lockReleaser)
                .listener(guard.chunkCheck(LockReleaseJobParameters.JOB_NAME))
                .build();
    }

    /** Locked accounts by id, each with the automatic locks of its history in the window before it. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<LockedAccount> lockedAccountReader(DataSource dataSource, LockReleaseProperties properties)
            throws Exception {
        return new JdbcPagingItemReaderBuilder<LockedAccount>()
                .name("lockedAccountReader")
                .dataSource(dataSource)
                .selectClause("id, locked_at, lock_reason, earlier_automatic_locks")
                .fromClause("""
                        (select a.id, a.locked_at, a.lock_reason,
                                array(select h.locked_at from login_lock_history h
                                      where h.account_id = a.id and h.lock_reason = :automatic
                                        and h.locked_at < a.locked_at
                                        and h.locked_at >= a.locked_at - make_interval(secs => :windowSeconds)
                                ) as earlier_automatic_locks
                         from login_account a
                         where a.locked_at is not null) locked""")
                .parameterValues(Map.of("windowSeconds", LockDurationPolicy.WINDOW.toSeconds(),
                        "automatic", LockDurationPolicy.AUTOMATIC))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(properties.chunkSize())
                .rowMapper((rs, row) -> LockReleaseStore.lockedAccount(rs))
                .build();
    }

    @Bean
    @StepScope
    public LockAssessor lockAssessor(LockReleaseProperties properties,
                                     @Value(LockReleaseJobParameters.PARAMETERS_EXPRESSION) JobParameters parameters) {
        return new LockAssessor(properties.policy(), LockReleaseJobParameters.of(parameters).asOf());
    }

    @Bean
    @StepScope
    public LockPlanWriter lockPlanWriter(LockReleaseStore store,
                                         @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return new LockPlanWriter(store, runId);
    }

    /** The run's planned releases not yet done: a restarted step picks up where it stopped. */
    @Bean
    @StepScope
    public JdbcPagingItemReader<PlannedLock> plannedReleaseReader(DataSource dataSource, LockReleaseProperties properties,
                                                                  @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId)
            throws Exception {
        return new JdbcPagingItemReaderBuilder<PlannedLock>()
                .name("plannedReleaseReader")
                .dataSource(dataSource)
                .selectClause("account_id, locked_at, lock_reason, earlier_automatic_locks, decision, stale_at")
                .fromClause("lock_release_plan")
                .whereClause("run_id = :runId and decision = 'RELEASE' and outcome is null")
                .parameterValues(Map.of("runId", runId))
                .sortKeys(Map.of("account_id", Order.ASCENDING))
                .pageSize(properties.chunkSize())
                .rowMapper((rs, row) -> LockReleaseStore.plannedLock(rs))
                .build();
    }

    @Bean
    @StepScope
    public LockReleaser lockReleaser(LockReleaseStore store,
                                     @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return new LockReleaser(store, runId);
    }

    // Step-scoped beans are declared by their classes, not their interfaces, so that Spring Batch
    // can inspect them for listeners instead of warning on every run.

    static class LockAssessor implements ItemProcessor<LockedAccount, PlannedLock> {
        private final LockDurationPolicy policy;
        private final Instant asOf;

        LockAssessor(LockDurationPolicy policy, Instant asOf) {
            this.policy = policy;
            this.asOf = asOf;
        }

        @Override
        public PlannedLock process(LockedAccount account) {
            LockDurationPolicy.Assessment assessment =
                    policy.assess(account.lockReason(), account.lockedAt(), account.earlierAutomaticLocks(), asOf);
            return new PlannedLock(account.id(), account.lockedAt(), account.lockReason(),
                    assessment.earlierAutomaticLocks(), assessment.decision(), assessment.staleAt());
        }
    }

    static class LockPlanWriter implements ItemWriter<PlannedLock> {
        private final LockReleaseStore store;
        private final long runId;

        LockPlanWriter(LockReleaseStore store, long runId) {
            this.store = store;
            this.runId = runId;
        }

        @Override
        public void write(Chunk<? extends PlannedLock> chunk) {
            store.savePlan(runId, chunk.getItems());
        }
    }

    static class LockReleaser implements ItemWriter<PlannedLock> {
        private final LockReleaseStore store;
        private final long runId;

        LockReleaser(LockReleaseStore store, long runId) {
            this.store = store;
            this.runId = runId;
        }

        @Override
        public void write(Chunk<? extends PlannedLock> chunk) {
            store.release(runId, chunk.getItems());
        }
    }
}

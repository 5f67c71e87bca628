package jp.crowdpay.jobs.locks;

import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
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

    static final String AS_OF = "asOf";
    static final String DRY_RUN = "dryRun";

    @Bean
    public Job lockReleaseJob(JobRepository jobRepository, Step lockAssessmentStep, Step releaseStaleLocksStep,
                              ReleaseCapDecider releaseCapDecider, LockReleaseRunListener lockReleaseRunListener) {
        return new JobBuilder("lockReleaseJob", jobRepository)
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
                                   ItemProcessor<LockedAccount, PlannedLock> lockAssessor,
                                   ItemWriter<PlannedLock> lockPlanWriter, LockReleaseProperties properties) {
        return new StepBuilder("lockAssessmentStep", jobRepository)
                .<LockedAccount, PlannedLock>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(lockedAccountReader)
                .processor(lockAssessor)
                .writer(lockPlanWriter)
                .build();
    }

    @Bean
    public Step releaseStaleLocksStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
                                      JdbcPagingItemReader<PlannedLock> plannedReleaseReader,
                                      ItemWriter<PlannedLock> lockReleaser, LockReleaseProperties properties) {
        return new StepBuilder("releaseStaleLocksStep", jobRepository)
                .<PlannedLock, PlannedLock>chunk(properties.chunkSize())
                .transactionManager(transactionManager)
                .reader(plannedReleaseReader)
                .writer(lockReleaser)
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
                                      where h.account_id = a.id and h.lock_reason = 'FAILED_ATTEMPTS'
                                        and h.locked_at < a.locked_at
                                        and h.locked_at >= a.locked_at - make_interval(secs => :windowSeconds)
                                ) as earlier_automatic_locks
                         from login_account a
                         where a.locked_at is not null) locked""")
                .parameterValues(Map.of("windowSeconds", LockDurationPolicy.WINDOW.toSeconds()))
                .sortKeys(Map.of("id", Order.ASCENDING))
                .pageSize(properties.chunkSize())
                .rowMapper((rs, row) -> LockReleaseStore.lockedAccount(rs))
                .build();
    }

    @Bean
    @StepScope
    public ItemProcessor<LockedAccount, PlannedLock> lockAssessor(LockReleaseProperties properties,
                                                                  @Value("#{jobParameters['asOf']}") String asOf) {
        LockDurationPolicy policy = properties.policy();
        Instant at = Instant.parse(asOf);
        return account -> {
            LockDurationPolicy.Assessment assessment =
                    policy.assess(account.lockReason(), account.lockedAt(), account.earlierAutomaticLocks(), at);
            return new PlannedLock(account.id(), account.lockedAt(), account.lockReason(),
                    assessment.earlierAutomaticLocks(), assessment.decision(), assessment.staleAt());
        };
    }

    @Bean
    @StepScope
    public ItemWriter<PlannedLock> lockPlanWriter(LockReleaseStore store,
                                                  @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return chunk -> store.savePlan(runId, chunk.getItems());
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
    public ItemWriter<PlannedLock> lockReleaser(LockReleaseStore store,
                                                @Value("#{stepExecution.jobExecution.jobInstanceId}") long runId) {
        return chunk -> store.release(runId, chunk.getItems());
    }
}

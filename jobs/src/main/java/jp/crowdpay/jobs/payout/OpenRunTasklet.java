package jp.crowdpay.jobs.payout;

import java.time.Duration;
import java.time.LocalDate;
import jp.crowdpay.jobs.payout.marking.PaidRewardsMarking;
import jp.crowdpay.jobs.payout.paying.LockWaitLog;
import jp.crowdpay.jobs.payout.paying.PlatformRows;
import jp.crowdpay.jobs.payout.rules.LockedRowsRule;
import jp.crowdpay.jobs.payout.rules.MarkPaid;
import jp.crowdpay.jobs.payout.run.PayoutJobParameters;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Opens the run of the date, or finds the one opened before a crash, and records where it marks
 * its paid rewards. The opening first takes the ledger's scope guard, which waits for the changes
 * of reward statuses by others in flight (sql/V9: the run's snapshot must count them as they end).
 * It waits at most the lock timeout, holding nothing meanwhile, and tries again after the pause,
 * as often as a worker whose rows are held ({@link LockedRowsRule}); a guard held past the last
 * try fails the run, which has touched nothing: the same command opens it later. A call that only
 * pauses returns within a second, so that a stop is seen.
 */
class OpenRunTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(OpenRunTasklet.class);
    private static final String STEP = "openRunStep";
    private static final String TRIES = "scopeGuardTries";
    private static final String NEXT_TRY = "scopeGuardNextTry";
    private static final long LONGEST_NAP_MILLIS = 1_000;

    private final PayoutLedger ledger;
    private final PaidRewardsMarking marking;
    private final PayoutProperties settings;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate savepoint;
    private final LockWaitLog waits;

    /** @param savepoint a template with PROPAGATION_NESTED: a savepoint inside the step's transaction */
    OpenRunTasklet(PayoutLedger ledger, PaidRewardsMarking marking, PayoutProperties settings, JdbcTemplate jdbc,
                   TransactionTemplate savepoint, LockWaitLog waits) {
        this.ledger = ledger;
        this.marking = marking;
        this.settings = settings;
        this.jdbc = jdbc;
        this.savepoint = savepoint;
        this.waits = waits;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        LocalDate businessDate = PayoutJobParameters.businessDate(contribution);
        LockedRowsRule rule = settings.lockedRowsRule();
        PayoutRun run = ledger.find(businessDate).orElse(null);
        if (run == null) {
            ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
            long untilNextTry = context.getLong(NEXT_TRY, 0) - System.currentTimeMillis();
            if (untilNextTry > 0) {
                Thread.sleep(Math.min(LONGEST_NAP_MILLIS, untilNextTry));
                return RepeatStatus.CONTINUABLE;
            }
            String holder = takeScopeGuard(rule.lockTimeout());
            if (holder != null) {
                int tries = context.getInt(TRIES, 0) + 1;
                context.putInt(TRIES, tries);
                if (tries >= rule.tries()) {
                    throw new IllegalStateException("the run of " + businessDate + " could not open: reward statuses changed by "
                            + holder + " had not committed at any of " + tries + " tries, each waiting up to "
                            + rule.lockTimeout().toMillis() + " ms (payout_scope_guard); the run opens once such a change has"
                            + " committed or rolled back");
                }
                context.putLong(NEXT_TRY, System.currentTimeMillis() + rule.pause().toMillis());
                log.info("{}: reward statuses changed by {} have not committed; the run of {} tries to open again in {} s"
                        + " (try {} of {})", STEP, holder, businessDate, rule.pause().toSeconds(), tries + 1, rule.tries());
                return RepeatStatus.CONTINUABLE;
            }
            run = ledger.openHoldingTheScopeGuard(businessDate, settings.rewardDeadline().expiredIfConfirmedBefore(businessDate));
        }
        if (run.marksPaid() == null) {
            // in the opening's transaction: the place is recorded with the run, or neither is
            MarkPaid place = marking.choosePlace(run, settings.markPaid(), settings.markPaidRule());
            ledger.recordMarkPaid(run, place);
            log.info("{}: the run of {} marks its paid rewards {}", STEP, businessDate,
                    place == MarkPaid.IN_CHUNKS ? "in the paying chunks" : "by ranges of reward ids");
        }
        return RepeatStatus.FINISHED;
    }

    /**
     * Takes the scope guard for the step's transaction, waiting at most {@code timeout}; if another
     * transaction held it all along, gives back what the wait took and says who held it.
     *
     * @return null when taken; else the holder as last seen ("pid 4711 'platform-web'", or "another transaction")
     */
    private String takeScopeGuard(Duration timeout) {
        int backendPid = jdbc.queryForObject("select pg_backend_pid()", Integer.class);
        LockWaitLog.Wait wait = waits.begin(STEP, "payout_scope_guard", "the guard of the rewards' statuses", backendPid, timeout);
        try {
            savepoint.executeWithoutResult(status -> {
                jdbc.queryForObject("select set_config('lock_timeout', ?, true)", String.class,
                        LockedRowsRule.lockTimeoutSetting(timeout));
                ledger.takeScopeGuard();
            });
            jdbc.execute("set local lock_timeout to default");
            return null;
        } catch (DataAccessException failed) {
            if (!PlatformRows.lockTimeout(failed)) {
                throw failed;
            }
            return wait.holder() == null ? "another transaction" : wait.holder();
        } finally {
            wait.close();
        }
    }
}

package jp.crowdpay.jobs.payout.marking;

import jp.crowdpay.jobs.payout.rules.MarkPaid;
import jp.crowdpay.jobs.payout.run.PayoutJobParameters;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.runs.SingleRunGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Settles one range of reward ids in one transaction, in one of the two passes
 * ({@link PaidRewardsMarking.Pass}): the expiry of the rewards confirmed before the run's
 * cut-off, or the marking of those of the workers it paid. Each range is a partition of
 * {@code settleRewardsStep} ({@link SettlingRanges}), which the settling's threads take in turn
 * ({@link SettlingThreads}); the partition's name says which pass, its context which ids. Spring Batch
 * saves the partition's context in the range's transaction: after a crash or a stop the same
 * command settles again only the ranges that did not commit (and a range settled twice would
 * change nothing the second time: its rewards are no longer unpaid). A run that marks in its paying chunks
 * ({@link MarkPaid#IN_CHUNKS}) has no marking ranges. The proof that each payout has exactly its
 * rewards runs once every range is done, in the manager step.
 */
public class SettleRewardsTasklet implements Tasklet {

    static final String FIRST = "firstRewardId";
    static final String LAST = "lastRewardId";
    /** Saved with the range's changes: a partition stopped or failed after its commit does not settle its range again. */
    private static final String SETTLED = "settled";

    private static final Logger log = LoggerFactory.getLogger(SettleRewardsTasklet.class);

    private final PayoutRun run;
    private final PaidRewardsMarking marking;
    private final SingleRunGuard guard;

    /** @param run the run as the step found it: what the settling reads of it is fixed when the run opens */
    public SettleRewardsTasklet(PayoutRun run, PaidRewardsMarking marking, SingleRunGuard guard) {
        this.run = run;
        this.marking = marking;
        this.guard = guard;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // as every paying chunk does: a process that lost the run's lock goes no further
        guard.verifyHeld(PayoutJobParameters.JOB_NAME);
        long started = System.nanoTime();
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        if (context.containsKey(SETTLED)) {
            return RepeatStatus.FINISHED;
        }
        String step = chunkContext.getStepContext().getStepName();
        PaidRewardsMarking.Pass pass = SettlingRanges.pass(step);
        if (!context.containsKey(FIRST)) {
            settleLostRange(step, pass, started);
        } else {
            settle(step, pass, context.getLong(FIRST), context.getLong(LAST), started);
        }
        context.putString(SETTLED, "true");
        return RepeatStatus.FINISHED;
    }

    /**
     * A range whose partition lost its context: Spring Batch 6 creates a partition and saves its
     * context in two transactions, and a process killed between them leaves the partition with
     * none. Its pass is in its name; its ids are not, and the settings that cut the ranges may have
     * changed since, so it settles the pass's whole span, in one transaction. Ranges settled
     * before change nothing the second time.
     */
    private void settleLostRange(String step, PaidRewardsMarking.Pass pass, long started) {
        marking.span(run, pass).ifPresent(span -> {
            log.warn("{}: the range's reward ids were not saved (the process ended while the settling was being cut into"
                    + " ranges); settling the whole span of its pass, reward ids from {} to {}", step, span.first(), span.last());
            settle(step, pass, span.first(), span.last(), started);
        });
    }

    private void settle(String step, PaidRewardsMarking.Pass pass, long first, long last, long started) {
        PaidRewardsMarking.Settled range = pass == PaidRewardsMarking.Pass.EXPIRE
                ? marking.expireRewardIds(run, first, last)
                : marking.markRewardIds(run, first, last);
        log(step, pass, range, first, last, started);
    }

    private void log(String step, PaidRewardsMarking.Pass pass, PaidRewardsMarking.Settled range, long first, long last,
                     long started) {
        log.info("{}: {}, reward ids from {} to {}, in {} ms", step,
                pass == PaidRewardsMarking.Pass.EXPIRE
                        ? range.expired().rewards() + " rewards (" + range.expired().yen() + " yen) expired (confirmed before "
                        + run.expiresConfirmedBefore() + ")"
                        : range.paid().rewards() + " rewards (" + range.paid().yen() + " yen) marked paid",
                first, last, (System.nanoTime() - started) / 1_000_000);
    }
}

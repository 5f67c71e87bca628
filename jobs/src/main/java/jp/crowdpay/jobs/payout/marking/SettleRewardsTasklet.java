package jp.crowdpay.jobs.payout.marking;

import java.time.Duration;
import java.util.Optional;
import jp.crowdpay.jobs.payout.rules.MarkPaid;
import jp.crowdpay.jobs.payout.rules.RewardIdRanges;
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
 * Settles the run's rewards one range of reward ids per call, and so per transaction, in one of
 * two passes ({@link PaidRewardsMarking.Pass}) that run side by side after the paying step: the
 * expiry of those confirmed before the run's cut-off, or the marking of those of the workers it
 * paid. The step calls it again until its last range is done. Where to go on is kept in the
 * step execution's context, which Spring Batch saves in the same transaction as the range: after
 * a crash the same command resumes at the first range that did not commit. A partition finds its
 * share of the ranges ({@link RewardIdRanges}) in its context; the single step takes them all.
 * When every range is marked, the run proves that each payout has exactly its rewards
 * ({@link PaidRewardsProof}). A run that marks in the paying chunks ({@link MarkPaid#IN_CHUNKS})
 * has no ranges to mark, only the proof.
 */
public class SettleRewardsTasklet implements Tasklet {

    private static final String FIRST = "firstRewardId";
    private static final String LAST = "lastRewardId";
    private static final String SIZE = "idsPerRange";
    /**
     * Ranges each thread marks in a night, at most; see {@link RewardIdRanges#size}. Each range
     * costs a second or two whatever it holds, and five keep what a crash or a stop loses to a
     * fifth of a thread's marking (docs/benchmark.md).
     */
    static final long RANGES_PER_THREAD = 5;
    public static final String PARTITION = "partition";
    public static final String PARTITIONS = "partitions";
    private static final String NEXT = "nextRewardId";
    private static final String ALL_MARKED = "allMarked";
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(10);

    private static final Logger log = LoggerFactory.getLogger(SettleRewardsTasklet.class);

    private final PaidRewardsMarking.Pass pass;
    private final PayoutRun run;
    private final PaidRewardsMarking marking;
    private final PaidRewardsProof proof;
    private final SingleRunGuard guard;
    private final long idsPerTransaction;
    private final long started = System.nanoTime();
    private long lastLogged = started;
    /** What this step execution expired and marked; the run's totals (payout_run) hold every execution's. */
    private PaidRewardsMarking.Marked expired = PaidRewardsMarking.Marked.NONE;
    private PaidRewardsMarking.Marked marked = PaidRewardsMarking.Marked.NONE;

    /** @param run the run as the step found it: what the marking reads of it is fixed when the run opens */
    public SettleRewardsTasklet(PaidRewardsMarking.Pass pass, PayoutRun run, PaidRewardsMarking marking, PaidRewardsProof proof,
                                SingleRunGuard guard, long idsPerTransaction) {
        this.pass = pass;
        this.run = run;
        this.marking = marking;
        this.proof = proof;
        this.guard = guard;
        this.idsPerTransaction = idsPerTransaction;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
        // as every paying chunk does: a process that lost the run's lock goes no further
        guard.verifyHeld(PayoutJobParameters.JOB_NAME);
        ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
        String step = chunkContext.getStepContext().getStepName();
        Optional<RewardIdRanges.Range> current = current(run, context);
        if (current.isEmpty()) {
            proveUnlessPartition(step, context);
            return RepeatStatus.FINISHED;
        }
        RewardIdRanges ranges = ranges(run, context);
        PaidRewardsMarking.Settled range = pass == PaidRewardsMarking.Pass.EXPIRE
                ? marking.expireRewardIds(run, current.get().first(), current.get().last())
                : marking.markRewardIds(run, current.get().first(), current.get().last());
        // the partition's next range that holds a reward: gaps between ids cost no transaction
        Optional<RewardIdRanges.Range> next = ranges.after(current.get())
                .flatMap(after -> marking.firstRewardIdFrom(after.first(), ranges.last()))
                .flatMap(ranges::firstAtOrAfter);
        expired = expired.plus(range.expired());
        marked = marked.plus(range.paid());
        if (next.isPresent()) {
            context.putLong(NEXT, next.get().first());
            logProgress(step, current.get().last(), ranges.last());
            return RepeatStatus.CONTINUABLE;
        }
        context.putString(ALL_MARKED, "true");
        log.info("{}: {} by this step, reward ids from {} to {}, {} ids per transaction, in {} ms", step, settledSoFar(),
                ranges.first(), ranges.last(), ranges.size(), (System.nanoTime() - started) / 1_000_000);
        proveUnlessPartition(step, context);
        return RepeatStatus.FINISHED;
    }

    /**
     * The single marking step proves the run's payouts when its last range is done; partitions
     * leave it to their manager, and the expiry proves nothing: the marking beside it may not be done.
     */
    private void proveUnlessPartition(String step, ExecutionContext context) {
        if (pass == PaidRewardsMarking.Pass.EXPIRE || context.containsKey(PARTITIONS)) {
            return;
        }
        PayoutRun proved = proof.prove(run);
        if (proved.marksPaidInChunks()) {
            log.info("{}: the paying chunks marked {} rewards ({} yen) paid; every payout has exactly its rewards",
                    step, proved.markedRewards(), proved.markedYen());
        }
    }

    /** The range to mark now: the first one on a fresh start, the one after the last committed on a restart. */
    private Optional<RewardIdRanges.Range> current(PayoutRun run, ExecutionContext context) {
        if (context.containsKey(ALL_MARKED)) {
            return Optional.empty();
        }
        if (context.containsKey(NEXT)) {
            return ranges(run, context).firstAtOrAfter(context.getLong(NEXT));
        }
        if (!context.containsKey(FIRST)) {
            Optional<PaidRewardsMarking.Span> span = marking.span(run, pass);
            if (span.isEmpty()) {
                return Optional.empty();
            }
            context.putLong(FIRST, span.get().first());
            context.putLong(LAST, span.get().last());
            // kept, so that a restart after a change of the setting marks the same ranges as its partners
            context.putLong(SIZE, RewardIdRanges.size(span.get().first(), span.get().last(), idsPerTransaction,
                    context.getInt(PARTITIONS, 1), RANGES_PER_THREAD));
        }
        RewardIdRanges ranges = ranges(run, context);
        return ranges.firstAtOrAfter(ranges.first());
    }

    private RewardIdRanges ranges(PayoutRun run, ExecutionContext context) {
        // a step that began before the span's end was kept ran to the watermark
        return new RewardIdRanges(context.getLong(FIRST), context.getLong(LAST, run.rewardWatermark()), context.getLong(SIZE),
                context.getInt(PARTITIONS, 1), context.getInt(PARTITION, 0));
    }

    private void logProgress(String step, long done, long last) {
        long now = System.nanoTime();
        if (now - lastLogged >= LOG_INTERVAL.toNanos()) {
            lastLogged = now;
            log.info("{}: {} by this step, reward ids up to {} of {}", step, settledSoFar(), done, last);
        }
    }

    private String settledSoFar() {
        return pass == PaidRewardsMarking.Pass.EXPIRE
                ? expired.rewards() + " rewards (" + expired.yen() + " yen) expired (confirmed before " + run.expiresConfirmedBefore() + ")"
                : marked.rewards() + " rewards (" + marked.yen() + " yen) marked paid";
    }
}

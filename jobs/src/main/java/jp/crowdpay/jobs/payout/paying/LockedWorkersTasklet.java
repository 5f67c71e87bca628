package jp.crowdpay.jobs.payout.paying;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.payout.rules.LockedRowsRule;
import jp.crowdpay.jobs.payout.rules.PayoutOutcome;
import jp.crowdpay.jobs.payout.run.PayoutJobParameters;
import jp.crowdpay.jobs.runs.SingleRunGuard;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Tries again, after the paying step, the workers whose rows another transaction held when their
 * chunk tried to take them ({@link WorkersSetAside}): those with the fewest tries first, a chunk
 * of them per call and so per transaction, each once the pause since its last try has passed. A
 * call with none due yet waits a second at most and returns, so that a stop is seen between
 * calls. The step ends when no worker is left set aside: each was paid, carried forward for a
 * rule, or, still held at its last try, carried forward as {@link PayoutOutcome#ROWS_LOCKED}.
 * Everything it knows is in the database: after a crash the same command goes on with the tries
 * that committed.
 */
class LockedWorkersTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(LockedWorkersTasklet.class);
    private static final Duration LONGEST_NAP = Duration.ofSeconds(1);

    private final ChunkLedger chunks;
    private final WorkersSetAside setAside;
    private final PayoutWriter writer;
    private final SingleRunGuard guard;
    private final LockedRowsRule rule;
    private final int chunkSize;
    /** The try whose pause was last announced, so that each is announced once. */
    private int announced;

    LockedWorkersTasklet(ChunkLedger chunks, WorkersSetAside setAside, PayoutWriter writer,
                         SingleRunGuard guard, LockedRowsRule rule, int chunkSize) {
        this.chunks = chunks;
        this.setAside = setAside;
        this.writer = writer;
        this.guard = guard;
        this.rule = rule;
        this.chunkSize = chunkSize;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws InterruptedException {
        guard.verifyHeld(PayoutJobParameters.JOB_NAME);
        Optional<WorkersSetAside.Next> waiting = setAside.next(chunks.run(), rule.pause(), chunkSize);
        if (waiting.isEmpty()) {
            return RepeatStatus.FINISHED;
        }
        WorkersSetAside.Next next = waiting.get();
        int tryNumber = next.triesSoFar() + 1;
        if (next.due().isEmpty()) {
            if (announced != tryNumber) {
                announced = tryNumber;
                log.info("{}: {} {} whose rows another transaction held {} tried again in {} s (try {} of {})",
                        PayingStepConfiguration.LOCKED_WORKERS_STEP, next.waiting(), next.waiting() == 1 ? "worker" : "workers",
                        next.waiting() == 1 ? "is" : "are", Math.max(1, next.untilDue().toSeconds()), tryNumber, rule.tries());
            }
            Thread.sleep(next.untilDue().compareTo(LONGEST_NAP) < 0 ? Math.max(1, next.untilDue().toMillis()) : LONGEST_NAP.toMillis());
            return RepeatStatus.CONTINUABLE;
        }
        List<UnpaidRewards> balances = chunks.unpaidRewards(next.due().toArray(Long[]::new));
        Set<Long> read = balances.stream().map(UnpaidRewards::workerId).collect(Collectors.toSet());
        List<Long> gone = next.due().stream().filter(id -> !read.contains(id)).toList();
        if (!gone.isEmpty()) {
            // nobody but the run settles the rewards in its scope, and the run settles a worker's only once it decided it
            throw new LedgerChangedException("workers set aside have no unpaid rewards in the run's scope any more: " + gone
                    + "; the ledger was changed by hand");
        }
        writer.write(balances, tryNumber);
        return RepeatStatus.CONTINUABLE;
    }
}

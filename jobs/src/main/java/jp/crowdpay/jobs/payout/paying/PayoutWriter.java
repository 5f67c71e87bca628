package jp.crowdpay.jobs.payout.paying;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.bankfile.PayoutLine;
import jp.crowdpay.jobs.payout.marking.PaidRewardsMarking;
import jp.crowdpay.jobs.payout.rules.AccountCheck;
import jp.crowdpay.jobs.payout.rules.AccountChecker;
import jp.crowdpay.jobs.payout.rules.BankFileFit;
import jp.crowdpay.jobs.payout.rules.Decision;
import jp.crowdpay.jobs.payout.rules.LockedRowsRule;
import jp.crowdpay.jobs.payout.rules.PayoutOutcome;
import jp.crowdpay.jobs.payout.rules.WithdrawalRule;
import jp.crowdpay.jobs.payout.rules.WorkerBalance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides and records one chunk of workers in the chunk's transaction. It takes the workers' rows
 * and bank accounts first ({@link PlatformRows}), so the decision uses the hold, method and
 * account as they stand when the chunk commits: a change committed before is honoured, a change
 * after waits for the commit. A worker whose rows another transaction holds past the lock timeout
 * is set aside and tried again later in the night ({@link LockedWorkersTasklet}, which writes
 * through this class too), or, at its last try, carried forward as
 * {@link PayoutOutcome#ROWS_LOCKED}. A conflict with a concurrent change (a deadlock, a parallel
 * partition filling the night's file) rolls the chunk back to its savepoint and tries it again,
 * afresh. The rewards of the payouts it records are marked paid in the chunk or by the marking
 * step, which proves that each payout's rewards are exactly the balance it paid
 * ({@link PaidRewardsMarking}).
 */
class PayoutWriter implements ItemWriter<UnpaidRewards> {

    private static final Logger log = LoggerFactory.getLogger(PayoutWriter.class);
    /** Attempts at one chunk; a conflict that outlasts them fails the run, and the same command continues it. */
    static final int TRIES = 3;

    private final ChunkLedger ledger;
    private final PlatformRows rows;
    private final WorkersSetAside setAside;
    private final TransactionTemplate savepoint;
    private final WithdrawalRule rule;
    private final AccountChecker accounts;
    private final BankFileFit fit;
    private final LockedRowsRule lockedRows;
    private final String step;

    /**
     * @param savepoint a template with PROPAGATION_NESTED: a savepoint inside the chunk's transaction
     * @param step      the step that writes, as the log names it
     */
    PayoutWriter(ChunkLedger ledger, PlatformRows rows, WorkersSetAside setAside, TransactionTemplate savepoint,
                 WithdrawalRule rule, AccountChecker accounts, BankFileFit fit, LockedRowsRule lockedRows, String step) {
        this.ledger = ledger;
        this.rows = rows;
        this.setAside = setAside;
        this.savepoint = savepoint;
        this.rule = rule;
        this.accounts = accounts;
        this.fit = fit;
        this.lockedRows = lockedRows;
        this.step = step;
    }

    @Override
    public void write(Chunk<? extends UnpaidRewards> chunk) {
        write(new ArrayList<>(chunk.getItems()), LockedRowsRule.FIRST_TRY);
    }

    /**
     * Decides and records the workers of {@code read}, in worker-id order, at their try
     * {@code tryNumber}: the first is the paying chunk's, later ones are of workers set aside.
     */
    void write(List<UnpaidRewards> read, int tryNumber) {
        Long[] workerIds = read.stream().map(UnpaidRewards::workerId).toArray(Long[]::new);
        for (int attempt = 1; ; attempt++) {
            List<UnpaidRewards> balances = read;
            try {
                savepoint.executeWithoutResult(status -> decideAndRecord(balances, workerIds, tryNumber));
                return;
            } catch (ConcurrencyFailureException | LedgerChangedException conflict) {
                if (attempt == TRIES) {
                    throw conflict;
                }
                log.warn("{}: the chunk of workers {} to {} met a concurrent change, trying it again: {}", step,
                        workerIds[0], workerIds[workerIds.length - 1], conflict.getMessage().lines().findFirst().orElse(""));
                read = ledger.unpaidRewards(workerIds);
            }
        }
    }

    private void decideAndRecord(List<UnpaidRewards> balances, Long[] workerIds, int tryNumber) {
        String workers = workerIds[0] + " to " + workerIds[workerIds.length - 1];
        PlatformRows.Taken taken = rows.take(workerIds, tryNumber == LockedRowsRule.FIRST_TRY ? "in the chunk of workers " + workers
                : "at try " + tryNumber + " of " + lockedRows.tries() + " of the workers set aside, " + workers);
        ChunkLedger.Paid paidSoFar = fit.limitsFiles() ? ledger.paidSoFar() : null;
        BankFileFit.Room room = paidSoFar == null ? null : fit.room(paidSoFar.lines(), paidSoFar.yen());
        List<Decision.Pay> payments = new ArrayList<>();
        List<Decision.CarryForward> followUps = new ArrayList<>();
        Map<Long, PlatformRows.Held> heldAgain = new TreeMap<>();
        List<Long> decided = new ArrayList<>();
        Map<Long, PayoutLine> lines = new HashMap<>();
        Map<PayoutOutcome, ChunkLedger.Tally> tally = new EnumMap<>(PayoutOutcome.class);
        for (UnpaidRewards rewards : balances) {
            PlatformRows.Held held = taken.held().get(rewards.workerId());
            if (held != null && !lockedRows.carriesForwardAt(tryNumber)) {
                heldAgain.put(rewards.workerId(), held);
                continue;
            }
            Decision decision = held != null ? rowsLocked(rewards, held, tryNumber)
                    : decide(rewards, taken.workers().get(rewards.workerId()), taken.accounts().get(rewards.workerId()), room, lines);
            if (decision instanceof Decision.Pay pay) {
                payments.add(pay);
            } else if (decision.outcome().needsFollowUp()) {
                followUps.add((Decision.CarryForward) decision);
            }
            tally.computeIfAbsent(decision.outcome(), outcome -> new ChunkLedger.Tally()).add(decision);
            decided.add(rewards.workerId());
        }
        if (!payments.isEmpty()) {
            tally.get(PayoutOutcome.PAID).marked(ledger.pay(payments, lines));
        }
        if (!followUps.isEmpty()) {
            ledger.followUp(followUps);
        }
        if (!heldAgain.isEmpty()) {
            setAside.setAside(ledger.run(), heldAgain, tryNumber);
            log.info("{}: {} of workers {} set aside, {} rows held by another transaction past {} ms; tried again later in"
                            + " the night (try {} of {}): {}", step, heldAgain.size(), workers, heldAgain.size() == 1 ? "its" : "their",
                    lockedRows.lockTimeout().toMillis(), tryNumber + 1, lockedRows.tries(), describe(heldAgain));
        }
        if (tryNumber > LockedRowsRule.FIRST_TRY && !decided.isEmpty()) {
            setAside.decided(ledger.run(), decided.toArray(Long[]::new));
        }
        if (!tally.isEmpty()) {
            ledger.addToTally(tally);
        }
        if (paidSoFar != null) {
            ChunkLedger.Paid paid = ledger.paidSoFar();
            if (!fit.fileHolds(paid.lines(), paid.yen())) {
                throw new LedgerChangedException("a parallel partition filled the night's bank file meanwhile: "
                        + paid.lines() + " lines / " + paid.yen() + " yen with this chunk");
            }
        }
    }

    /** A worker whose rows were held at every try: nothing about it could be read, only its balance. */
    private Decision rowsLocked(UnpaidRewards rewards, PlatformRows.Held held, int tryNumber) {
        log.warn("{}: worker {}'s {} row was held by {} at its last try ({} of {}): carried forward as {}", step,
                rewards.workerId(), held.table(), holder(held), tryNumber, lockedRows.tries(), PayoutOutcome.ROWS_LOCKED);
        return new Decision.CarryForward(
                new WorkerBalance(rewards.workerId(), rewards.yen(), rewards.rewardCount(), null, false, null),
                PayoutOutcome.ROWS_LOCKED, "its " + held.table() + " row was held at each of " + tryNumber
                + (tryNumber == 1 ? " try" : " tries") + " of the night (each waiting up to " + lockedRows.lockTimeout().toMillis()
                + " ms), at the last by " + holder(held));
    }

    private static String describe(Map<Long, PlatformRows.Held> held) {
        return held.entrySet().stream().limit(10)
                .map(worker -> "worker " + worker.getKey() + " (" + worker.getValue().table() + " row held by "
                        + holder(worker.getValue()) + ")")
                .collect(Collectors.joining(", ")) + (held.size() > 10 ? ", ..." : "");
    }

    private static String holder(PlatformRows.Held held) {
        return held.holder() == null ? "another transaction" : held.holder();
    }

    private Decision decide(UnpaidRewards rewards, PlatformRows.WorkerState worker, PlatformRows.StoredAccount stored,
                            BankFileFit.Room room, Map<Long, PayoutLine> lines) {
        AccountCheck account = stored == null ? new AccountCheck.Missing() : accounts.check(stored.raw(), stored.returnedFrom());
        Decision decision = rule.decide(new WorkerBalance(rewards.workerId(), rewards.yen(), rewards.rewardCount(),
                worker.method(), worker.onHold(), account));
        if (!(decision instanceof Decision.Pay pay)) {
            return decision;
        }
        PayoutLine line = new PayoutLine(rewards.workerId(), pay.account(), pay.amountYen(), stored.bankName(), stored.branchName());
        Decision fitted = fit.check(pay, line, room);
        if (fitted == pay) {
            lines.put(rewards.workerId(), line);
        }
        return fitted;
    }
}

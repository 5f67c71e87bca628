package jp.crowdpay.jobs.payout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.bankfile.PayoutLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Decides and records one chunk of workers in the chunk's transaction. It locks the workers'
 * rows and bank accounts first, so the decision uses the hold, method and account as they stand
 * when the chunk commits: a change committed before is honoured, a change after waits for the
 * commit. A conflict with a concurrent change (a deadlock on a worker's row, a parallel partition
 * filling the night's file) rolls the chunk back to its savepoint and tries it again, afresh.
 * The rewards of the payouts it records are marked paid by the next step, which proves that
 * each payout's rewards are exactly the balance it paid ({@link PaidRewardsMarking}).
 */
class PayoutWriter implements ItemWriter<UnpaidRewards> {

    private static final Logger log = LoggerFactory.getLogger(PayoutWriter.class);
    /** Tries of one chunk; a conflict that outlasts them fails the run, and the same command continues it. */
    static final int TRIES = 3;

    private final ChunkLedger ledger;
    private final TransactionTemplate savepoint;
    private final WithdrawalRule rule;
    private final AccountChecker accounts;
    private final BankFileFit fit;

    /** @param savepoint a template with PROPAGATION_NESTED: a savepoint inside the chunk's transaction */
    PayoutWriter(ChunkLedger ledger, TransactionTemplate savepoint, WithdrawalRule rule, AccountChecker accounts,
                 BankFileFit fit) {
        this.ledger = ledger;
        this.savepoint = savepoint;
        this.rule = rule;
        this.accounts = accounts;
        this.fit = fit;
    }

    @Override
    public void write(Chunk<? extends UnpaidRewards> chunk) {
        List<UnpaidRewards> read = new ArrayList<>(chunk.getItems());
        Long[] workerIds = read.stream().map(UnpaidRewards::workerId).toArray(Long[]::new);
        for (int tries = 1; ; tries++) {
            List<UnpaidRewards> balances = read;
            try {
                savepoint.executeWithoutResult(status -> decideAndRecord(balances, workerIds));
                return;
            } catch (ConcurrencyFailureException | LedgerChangedException conflict) {
                if (tries == TRIES) {
                    throw conflict;
                }
                log.warn("payWorkersStep: the chunk of workers {} to {} met a concurrent change, trying it again: {}",
                        workerIds[0], workerIds[workerIds.length - 1], conflict.getMessage().lines().findFirst().orElse(""));
                read = ledger.unpaidRewards(workerIds);
            }
        }
    }

    private void decideAndRecord(List<UnpaidRewards> balances, Long[] workerIds) {
        Map<Long, ChunkLedger.WorkerState> workers = ledger.lockWorkers(workerIds);
        Map<Long, ChunkLedger.StoredAccount> stored = ledger.lockAccounts(workerIds);
        ChunkLedger.Paid paidSoFar = fit.limitsFiles() ? ledger.paidSoFar() : null;
        BankFileFit.Room room = paidSoFar == null ? null : fit.room(paidSoFar.lines(), paidSoFar.yen());
        List<Decision.Pay> payments = new ArrayList<>();
        List<Decision.CarryForward> followUps = new ArrayList<>();
        Map<Long, PayoutLine> lines = new HashMap<>();
        Map<PayoutOutcome, ChunkLedger.Tally> tally = new EnumMap<>(PayoutOutcome.class);
        for (UnpaidRewards rewards : balances) {
            Decision decision = decide(rewards, workers.get(rewards.workerId()), stored.get(rewards.workerId()), room, lines);
            if (decision instanceof Decision.Pay pay) {
                payments.add(pay);
            } else if (decision.outcome().needsFollowUp()) {
                followUps.add((Decision.CarryForward) decision);
            }
            tally.computeIfAbsent(decision.outcome(), outcome -> new ChunkLedger.Tally()).add(decision);
        }
        if (!payments.isEmpty()) {
            tally.get(PayoutOutcome.PAID).marked(ledger.pay(payments, lines));
        }
        if (!followUps.isEmpty()) {
            ledger.followUp(followUps);
        }
        ledger.addToTally(tally);
        if (paidSoFar != null) {
            // the tally row is locked now: what it says includes every partition's committed chunks
            ChunkLedger.Paid paid = ledger.paidSoFar();
            if (!fit.fileHolds(paid.lines(), paid.yen())) {
                throw new LedgerChangedException("a parallel partition filled the night's bank file meanwhile: "
                        + paid.lines() + " lines / " + paid.yen() + " yen with this chunk");
            }
        }
    }

    private Decision decide(UnpaidRewards rewards, ChunkLedger.WorkerState worker, ChunkLedger.StoredAccount stored,
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

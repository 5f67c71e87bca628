package jp.crowdpay.jobs.payout.paying;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.bankfile.PayoutLine;
import jp.crowdpay.jobs.payout.marking.PaidRewardsMarking;
import jp.crowdpay.jobs.payout.rules.Decision;
import jp.crowdpay.jobs.payout.rules.MarkPaid;
import jp.crowdpay.jobs.payout.rules.PayoutOutcome;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.run.RunScope;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The SQL that records one chunk's decisions, all in the chunk's transaction and set-based over
 * the chunk's workers: the payouts, the workers to follow up and the run's tallies. What decides
 * each worker is taken before, in the same transaction ({@link PlatformRows}). A chunk of the
 * paying step holds an ascending slice of the run's workers; a later try of workers set aside
 * ({@link LockedWorkersTasklet}) holds a few, spread over the run.
 */
class ChunkLedger {

    /** Lines and yen of the run's payouts so far: what its bank file will hold. */
    record Paid(long lines, BigInteger yen) {
    }

    private final JdbcTemplate jdbc;
    private final PaidRewardsMarking marking;
    private final PayoutRun run;
    private final boolean slices;

    /** @param slices whether each chunk holds an ascending slice of the run's workers (the paying step's) */
    ChunkLedger(JdbcTemplate jdbc, PaidRewardsMarking marking, PayoutRun run, boolean slices) {
        this.jdbc = jdbc;
        this.marking = marking;
        this.run = run;
        this.slices = slices;
    }

    PayoutRun run() {
        return run;
    }

    /** The workers' payable rewards as they are now. */
    List<UnpaidRewards> unpaidRewards(Long[] workerIds) {
        Object[] scope = RunScope.payableParameters(run);
        Object[] parameters = Arrays.copyOf(scope, scope.length + 1);
        parameters[scope.length] = workerIds;
        return jdbc.query(UnpaidRewards.SELECT + " and r.worker_id = any(?)" + UnpaidRewards.GROUPED,
                UnpaidRewards::map, parameters);
    }

    /** The run's payouts so far, committed by any chunk or partition, and this chunk's own. */
    Paid paidSoFar() {
        List<Paid> paid = jdbc.query("select workers, transferred_yen from payout_run_tally where run_id = ? and outcome = ?",
                (rs, row) -> new Paid(rs.getLong(1), rs.getBigDecimal(2).toBigIntegerExact()), run.id(), PayoutOutcome.PAID.name());
        return paid.isEmpty() ? new Paid(0, BigInteger.ZERO) : paid.get(0);
    }

    /**
     * Records the payouts with the lines the bank file will have. Their rewards are marked paid
     * here when the run marks in the chunks, otherwise after the paying step, in the order they
     * lie in the table ({@link MarkPaid}).
     *
     * @return the rewards and yen marked paid here: none when the run marks by ranges
     */
    PaidRewardsMarking.Marked pay(List<Decision.Pay> payments, Map<Long, PayoutLine> lines) {
        jdbc.batchUpdate("""
                insert into payout (run_id, worker_id, reward_count, gross_yen, fee_yen, amount_yen,
                                    bank_code, branch_code, account_type, account_number, payee_name,
                                    bank_name_kana, branch_name_kana)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                payments, payments.size(), (statement, pay) -> {
                    PayoutLine line = lines.get(pay.balance().workerId());
                    statement.setLong(1, run.id());
                    statement.setLong(2, pay.balance().workerId());
                    statement.setInt(3, pay.balance().rewardCount());
                    statement.setLong(4, pay.grossYen());
                    statement.setLong(5, pay.feeYen());
                    statement.setLong(6, pay.amountYen());
                    statement.setString(7, pay.account().bankCode());
                    statement.setString(8, pay.account().branchCode());
                    statement.setInt(9, pay.account().accountType().code());
                    statement.setString(10, pay.account().accountNumber());
                    statement.setString(11, pay.account().payeeName());
                    // the names as the master has them now, kept so that a reissued file has the same bytes
                    statement.setString(12, line.bankName());
                    statement.setString(13, line.branchName());
                });
        return run.marksPaidInChunks() ? markPaid(payments) : PaidRewardsMarking.Marked.NONE;
    }

    /**
     * Marks the payouts' rewards paid and proves that they are, together, exactly the balances
     * the chunk read: each reward is marked with its own worker's payout only, so the same count
     * and yen mean each payout has all of its own. A difference means the ledger changed since
     * the chunk read it, and the chunk is tried again.
     */
    private PaidRewardsMarking.Marked markPaid(List<Decision.Pay> payments) {
        // a slice of the run is covered by one range of worker ids; workers spread over the run, by their ids
        PaidRewardsMarking.Marked marked = slices
                ? marking.markWorkers(run, payments.get(0).balance().workerId(), payments.get(payments.size() - 1).balance().workerId())
                : marking.markWorkers(run, payments.stream().map(pay -> pay.balance().workerId()).toArray(Long[]::new));
        PaidRewardsMarking.Marked read = PaidRewardsMarking.Marked.NONE;
        for (Decision.Pay pay : payments) {
            read = read.plus(new PaidRewardsMarking.Marked(pay.balance().rewardCount(), pay.balance().balanceYen()));
        }
        if (!marked.equals(read)) {
            throw new LedgerChangedException("the chunk's payouts paid " + read.rewards() + " rewards / " + read.yen()
                    + " yen but " + marked.rewards() + " rewards / " + marked.yen() + " yen were unpaid to mark");
        }
        return marked;
    }

    void followUp(List<Decision.CarryForward> followUps) {
        jdbc.batchUpdate("""
                insert into payout_exception (run_id, worker_id, reason, balance_yen, detail)
                values (?, ?, ?, ?, ?)""",
                followUps, followUps.size(), (statement, carry) -> {
                    statement.setLong(1, run.id());
                    statement.setLong(2, carry.balance().workerId());
                    statement.setString(3, carry.outcome().name());
                    statement.setBigDecimal(4, new BigDecimal(carry.balance().balanceYen()));
                    statement.setString(5, carry.detail());
                });
    }

    /** Workers, yen and, for PAID, yen transferred and rewards marked paid, of one outcome in one chunk. */
    static final class Tally {
        private long workers;
        private BigInteger yen = BigInteger.ZERO;
        private BigInteger transferredYen = BigInteger.ZERO;
        private PaidRewardsMarking.Marked marked = PaidRewardsMarking.Marked.NONE;

        void marked(PaidRewardsMarking.Marked rewards) {
            marked = marked.plus(rewards);
        }

        void add(Decision decision) {
            workers++;
            yen = yen.add(decision.balance().balanceYen());
            if (decision instanceof Decision.Pay pay) {
                transferredYen = transferredYen.add(BigInteger.valueOf(pay.amountYen()));
            }
        }
    }

    /**
     * Parallel partitions add to the same rows: each waits for the other's commit on a row it
     * needs, but never deadlocks, because every chunk locks the rows in the enum's order
     * (an EnumMap). The lock is taken last in the chunk, so it is held only for the commit.
     */
    void addToTally(Map<PayoutOutcome, Tally> tally) {
        List<Map.Entry<PayoutOutcome, Tally>> rows = new ArrayList<>(tally.entrySet());
        jdbc.batchUpdate("""
                insert into payout_run_tally (run_id, outcome, workers, balance_yen, transferred_yen, marked_rewards, marked_yen)
                values (?, ?, ?, ?, ?, ?, ?)
                on conflict (run_id, outcome) do update
                set workers = payout_run_tally.workers + excluded.workers,
                    balance_yen = payout_run_tally.balance_yen + excluded.balance_yen,
                    transferred_yen = payout_run_tally.transferred_yen + excluded.transferred_yen,
                    marked_rewards = payout_run_tally.marked_rewards + excluded.marked_rewards,
                    marked_yen = payout_run_tally.marked_yen + excluded.marked_yen""",
                rows, rows.size(), (statement, row) -> {
                    statement.setLong(1, run.id());
                    statement.setString(2, row.getKey().name());
                    statement.setLong(3, row.getValue().workers);
                    statement.setBigDecimal(4, new BigDecimal(row.getValue().yen));
                    statement.setBigDecimal(5, new BigDecimal(row.getValue().transferredYen));
                    statement.setLong(6, row.getValue().marked.rewards());
                    statement.setBigDecimal(7, new BigDecimal(row.getValue().marked.yen()));
                });
    }
}

package jp.crowdpay.jobs.payout;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Records one chunk of decisions in the chunk's transaction: the payouts, the rewards they pay,
 * the workers to follow up, and the run's tallies. It proves, per payout, that the rewards it
 * marked paid are exactly the ones the balance was made of.
 */
class PayoutWriter implements ItemWriter<Decision> {

    private final JdbcTemplate jdbc;
    private final PayoutRun run;

    PayoutWriter(JdbcTemplate jdbc, PayoutRun run) {
        this.jdbc = jdbc;
        this.run = run;
    }

    @Override
    public void write(Chunk<? extends Decision> chunk) {
        List<Decision.Pay> payments = new ArrayList<>();
        List<Decision.CarryForward> followUps = new ArrayList<>();
        Map<PayoutOutcome, long[]> tally = new EnumMap<>(PayoutOutcome.class);
        for (Decision decision : chunk) {
            if (decision instanceof Decision.Pay pay) {
                payments.add(pay);
            } else if (decision.outcome().needsFollowUp()) {
                followUps.add((Decision.CarryForward) decision);
            }
            long[] counts = tally.computeIfAbsent(decision.outcome(), outcome -> new long[2]);
            counts[0]++;
            counts[1] += decision.balance().balanceYen();
        }
        if (!payments.isEmpty()) {
            insertPayouts(payments);
            markRewardsPaid(payments);
        }
        if (!followUps.isEmpty()) {
            insertFollowUps(followUps);
        }
        addToTally(tally);
    }

    private void insertPayouts(List<Decision.Pay> payments) {
        jdbc.batchUpdate("""
                insert into payout (run_id, worker_id, reward_count, gross_yen, fee_yen, amount_yen,
                                    bank_code, branch_code, account_type, account_number, payee_name,
                                    bank_name_kana, branch_name_kana)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
                        (select zengin_name from bank where code = ?),
                        (select zengin_name from bank_branch where bank_code = ? and code = ?))""",
                payments, payments.size(), (statement, pay) -> {
                    statement.setLong(1, run.id());
                    statement.setLong(2, pay.balance().workerId());
                    statement.setInt(3, pay.balance().rewardCount());
                    statement.setLong(4, pay.balance().balanceYen());
                    statement.setLong(5, pay.feeYen());
                    statement.setLong(6, pay.amountYen());
                    statement.setString(7, pay.account().bankCode());
                    statement.setString(8, pay.account().branchCode());
                    statement.setInt(9, pay.account().accountType().code());
                    statement.setString(10, pay.account().accountNumber());
                    statement.setString(11, pay.account().payeeName());
                    // the names as the master has them now, kept so that a reissued file has the same bytes
                    statement.setString(12, pay.account().bankCode());
                    statement.setString(13, pay.account().bankCode());
                    statement.setString(14, pay.account().branchCode());
                });
    }

    private void markRewardsPaid(List<Decision.Pay> payments) {
        // the chunk's workers are a contiguous, ascending slice of the run: one range covers them
        long first = payments.get(0).balance().workerId();
        long last = payments.get(payments.size() - 1).balance().workerId();
        Map<Long, long[]> marked = new HashMap<>();
        jdbc.query("""
                with paid as (
                    update reward r set status = 'PAID', payout_id = p.id
                    from payout p
                    where p.run_id = ? and p.worker_id between ? and ?
                      and r.worker_id = p.worker_id and %s
                    returning p.worker_id, r.amount_yen)
                select worker_id, count(*), sum(amount_yen) from paid group by worker_id""".formatted(RunScope.UNPAID_REWARDS),
                statement -> {
                    statement.setLong(1, run.id());
                    statement.setLong(2, first);
                    statement.setLong(3, last);
                    RunScope.bind(statement, 4, run);
                },
                rs -> {
                    marked.put(rs.getLong(1), new long[] {rs.getLong(2), rs.getLong(3)});
                });
        for (Decision.Pay pay : payments) {
            long[] rewards = marked.getOrDefault(pay.balance().workerId(), new long[2]);
            if (rewards[0] != pay.balance().rewardCount() || rewards[1] != pay.balance().balanceYen()) {
                throw new LedgerChangedException(pay.balance().workerId(), pay.balance().rewardCount(),
                        pay.balance().balanceYen(), rewards[0], rewards[1]);
            }
        }
    }

    private void insertFollowUps(List<Decision.CarryForward> followUps) {
        jdbc.batchUpdate("""
                insert into payout_exception (run_id, worker_id, reason, balance_yen, detail)
                values (?, ?, ?, ?, ?)""",
                followUps, followUps.size(), (statement, carry) -> {
                    statement.setLong(1, run.id());
                    statement.setLong(2, carry.balance().workerId());
                    statement.setString(3, carry.outcome().name());
                    statement.setLong(4, carry.balance().balanceYen());
                    statement.setString(5, carry.detail());
                });
    }

    /**
     * Parallel partitions add to the same rows: each waits for the other's commit on a row it
     * needs, but never deadlocks, because every chunk locks the rows in the enum's order
     * (EnumMap). The lock is taken last in the chunk, so it is held only for the commit.
     */
    private void addToTally(Map<PayoutOutcome, long[]> tally) {
        List<Map.Entry<PayoutOutcome, long[]>> rows = new ArrayList<>(tally.entrySet());
        jdbc.batchUpdate("""
                insert into payout_run_tally (run_id, outcome, workers, balance_yen) values (?, ?, ?, ?)
                on conflict (run_id, outcome) do update
                set workers = payout_run_tally.workers + excluded.workers,
                    balance_yen = payout_run_tally.balance_yen + excluded.balance_yen""",
                rows, rows.size(), (statement, row) -> {
                    statement.setLong(1, run.id());
                    statement.setString(2, row.getKey().name());
                    statement.setLong(3, row.getValue()[0]);
                    statement.setLong(4, row.getValue()[1]);
                });
    }
}

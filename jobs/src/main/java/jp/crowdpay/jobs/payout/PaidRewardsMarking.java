package jp.crowdpay.jobs.payout;

import java.math.BigInteger;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The SQL that marks a run's paid rewards, one range of reward ids at a time, and the proof that
 * each payout's rewards are exactly the balance it paid. Every statement runs in the caller's
 * transaction.
 *
 * <p>Why by reward id and not in the paying chunk: the platform numbers rewards as they are
 * confirmed, so one worker's rewards lie on many pages, and a chunk of 1,000 workers touches
 * thousands of pages all over the table. Marking them there changes every page of the table
 * again and again in one night, and after each checkpoint every first change of a page writes
 * the whole page to the WAL. A range of ids lies on neighbouring pages: each page is changed
 * once, in order.
 *
 * <p>Between the paying step and this one a paid worker's rewards are still UNPAID. Nobody else
 * can act on them meanwhile: only one run is unfinished at a time (a unique index), and while
 * it is, the ledger's guard refuses any status change to the rewards in its scope by others.
 */
@Repository
class PaidRewardsMarking {

    /** Rewards marked paid by one statement, and their yen. */
    record Marked(long rewards, BigInteger yen) {
        Marked plus(Marked more) {
            return new Marked(rewards + more.rewards, yen.add(more.yen));
        }
    }

    /** A payout whose rewards marked paid are not the balance it paid. */
    record Mismatch(long payoutId, long workerId, long paidRewards, BigInteger paidYen, long markedRewards,
                    BigInteger markedYen) {
        @Override
        public String toString() {
            return "payout " + payoutId + " (worker " + workerId + ") paid " + paidRewards + " rewards / " + paidYen
                    + " yen but " + markedRewards + " rewards / " + markedYen + " yen are marked with it";
        }
    }

    private static final String WORK_MEM = "128MB";

    private final JdbcTemplate jdbc;

    PaidRewardsMarking(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The lowest reward id the marking must look at: the lowest unpaid when the run opened, or,
     * for a run opened before that was recorded, the lowest there is; empty when the run found
     * nothing unpaid.
     */
    OptionalLong firstRewardId(PayoutRun run) {
        if (run.firstUnpaidRewardId() != null) {
            return OptionalLong.of(run.firstUnpaidRewardId());
        }
        Long lowest = run.unpaidBeforeCount() == 0 ? null : jdbc.queryForObject("select min(id) from reward", Long.class);
        return lowest == null ? OptionalLong.empty() : OptionalLong.of(lowest);
    }

    /** The lowest reward id from {@code from} to {@code last}, if there is one. */
    Optional<Long> firstRewardIdFrom(long from, long last) {
        return Optional.ofNullable(
                jdbc.queryForObject("select min(id) from reward where id >= ? and id <= ?", Long.class, from, last));
    }

    /**
     * Marks paid the run's unpaid rewards with ids from {@code first} to {@code last} whose worker
     * the run paid, and adds them to the run's marked totals in the same statement. A range
     * marked before is marked again at no cost: its rewards are no longer unpaid.
     */
    Marked mark(PayoutRun run, long first, long last) {
        // the run's payouts are hashed once per range: below this they spill to temporary files
        jdbc.execute("set local work_mem = '" + WORK_MEM + "'");
        return jdbc.query("""
                with paid as (
                    update reward r set status = 'PAID', payout_id = p.id
                    from payout p
                    where r.id between ? and ? and %s
                      and p.run_id = ? and p.worker_id = r.worker_id
                    returning r.amount_yen),
                range as (select count(*) as rewards, coalesce(sum(amount_yen), 0) as yen from paid)
                update payout_run set marked_rewards = marked_rewards + range.rewards, marked_yen = marked_yen + range.yen
                from range where payout_run.id = ?
                returning range.rewards, range.yen""".formatted(RunScope.UNPAID_REWARDS),
                statement -> {
                    statement.setLong(1, first);
                    statement.setLong(2, last);
                    int next = RunScope.bind(statement, 3, run);
                    statement.setLong(next, run.id());
                    statement.setLong(next + 1, run.id());
                },
                rs -> {
                    rs.next();
                    return new Marked(rs.getLong(1), PayoutLedger.yen(rs.getBigDecimal(2)));
                });
    }

    /**
     * Proves that every payout of the run is marked on exactly the rewards its balance was made
     * of; otherwise the ledger changed during the run, or was changed by hand, and no bank file
     * may be written for it.
     *
     * <p>Comparing the totals is enough. A reward is marked with the payout of its own worker only
     * while it is unpaid and in the run's scope, and no reward enters the scope or becomes unpaid
     * again after the paying step read the balances (the scope is fixed by a snapshot, a settled
     * reward is final): so each payout's marked rewards are some of those it paid, and if all of
     * them together are as many, and as many yen, as all payouts paid, each payout has all of its
     * own. The run's marked totals are kept by the statements that mark. Runs opened before those
     * totals were recorded, and a failed proof (to name the payouts), compare payout by payout.
     */
    void proveEveryPayoutMatchesItsRewards(PayoutRun run, PayoutLedger.PaidTotals paid) {
        if (run.markedRewards() != null && run.markedRewards() == paid.rewards() && run.markedYen().equals(paid.grossYen())) {
            return;
        }
        List<Mismatch> mismatches = mismatches(run, 3);
        if (!mismatches.isEmpty()) {
            throw new IllegalStateException("the rewards marked paid are not what the payouts paid: " + mismatches
                    + "; the ledger changed during the run, or was changed by hand");
        }
        if (run.markedRewards() != null) {
            throw new IllegalStateException("the run marked " + run.markedRewards() + " rewards / " + run.markedYen()
                    + " yen paid but its payouts paid " + paid.rewards() + " rewards / " + paid.grossYen() + " yen");
        }
    }

    /**
     * Payouts of the run whose marked rewards differ from what they paid, in count or in yen (at
     * most {@code limit}); none when every payout's rewards are exactly its balance.
     */
    private List<Mismatch> mismatches(PayoutRun run, int limit) {
        return jdbc.query("""
                with bounds as (select min(id) as first, max(id) as last from payout where run_id = ?),
                marked as (
                    select r.payout_id, count(*) as rewards, sum(r.amount_yen) as yen
                    from reward r, bounds
                    where r.payout_id between bounds.first and bounds.last
                    group by r.payout_id)
                select p.id, p.worker_id, p.reward_count, p.gross_yen,
                       coalesce(m.rewards, 0) as marked_rewards, coalesce(m.yen, 0) as marked_yen
                from payout p
                left join marked m on m.payout_id = p.id
                where p.run_id = ?
                  and (coalesce(m.rewards, 0) <> p.reward_count or coalesce(m.yen, 0) <> p.gross_yen)
                order by p.worker_id
                limit ?""",
                (rs, row) -> new Mismatch(rs.getLong("id"), rs.getLong("worker_id"), rs.getLong("reward_count"),
                        BigInteger.valueOf(rs.getLong("gross_yen")), rs.getLong("marked_rewards"),
                        PayoutLedger.yen(rs.getBigDecimal("marked_yen"))),
                run.id(), run.id(), limit);
    }
}

package jp.crowdpay.jobs.payout.marking;

import java.math.BigInteger;
import java.util.List;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The proof that ends a run's marking: every payout is marked on exactly the rewards its balance
 * was made of, whether the paying chunks or the ranges of {@link PaidRewardsMarking} marked them.
 * Without it no bank file is written. Runs in the caller's transaction.
 */
@Repository
public class PaidRewardsProof {

    /** A payout whose rewards marked paid are not the balance it paid. */
    record Mismatch(long payoutId, long workerId, long paidRewards, BigInteger paidYen, long markedRewards,
                    BigInteger markedYen) {
        @Override
        public String toString() {
            return "payout " + payoutId + " (worker " + workerId + ") paid " + paidRewards + " rewards / " + paidYen
                    + " yen but " + markedRewards + " rewards / " + markedYen + " yen are marked with it";
        }
    }

    private final JdbcTemplate jdbc;
    private final PayoutLedger ledger;

    public PaidRewardsProof(JdbcTemplate jdbc, PayoutLedger ledger) {
        this.jdbc = jdbc;
        this.ledger = ledger;
    }

    /**
     * The end of the marking, before the bank file is written: by the last range of the single
     * marking step, in its transaction, once every partition has completed, or, where the paying
     * chunks marked, by the marking step that has no range. Fails if a payout's rewards are not
     * exactly its balance.
     *
     * @return the run with the marked totals that were proved
     */
    public PayoutRun prove(PayoutRun run) {
        if (run.marksPaidInChunks()) {
            takeMarkedTotalsFromTheChunks(run);
        }
        // the marked totals as the marking step, its partitions or the paying chunks left them
        PayoutRun marked = ledger.reread(run);
        proveEveryPayoutMatchesItsRewards(marked, ledger.paid(marked));
        return marked;
    }

    /** Sets the run's marked totals to what its paying chunks marked: a run that marks in its chunks, once they are done. */
    private void takeMarkedTotalsFromTheChunks(PayoutRun run) {
        jdbc.update("""
                update payout_run set (marked_rewards, marked_yen) =
                    (select coalesce(sum(marked_rewards), 0), coalesce(sum(marked_yen), 0) from payout_run_tally where run_id = ?)
                where id = ?""", run.id(), run.id());
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
     * own. The run's marked totals are kept by the statements that mark ranges, or summed from
     * what the paying chunks added to the tally ({@link #takeMarkedTotalsFromTheChunks}) when the
     * chunks marked. Runs opened before those totals were recorded, and a failed proof (to name
     * the payouts), compare payout by payout.
     */
    private void proveEveryPayoutMatchesItsRewards(PayoutRun run, PayoutLedger.PaidTotals paid) {
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

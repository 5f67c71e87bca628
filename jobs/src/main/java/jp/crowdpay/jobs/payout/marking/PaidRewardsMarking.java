package jp.crowdpay.jobs.payout.marking;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;
import jp.crowdpay.jobs.payout.rules.MarkPaid;
import jp.crowdpay.jobs.payout.rules.MarkPaidRule;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.run.RunScope;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementSetter;
import org.springframework.stereotype.Repository;

/**
 * The SQL that settles a run's rewards: marks the paid ones, in the paying chunk or one range of
 * reward ids at a time ({@link MarkPaid}), and expires, by the same ranges, those past the
 * deadline, and the choice between the two when the run opens; the proof that each payout's
 * rewards are exactly the balance it paid is {@link PaidRewardsProof}'s. Every statement runs in
 * the caller's transaction.
 *
 * <p>Why by reward id where ids follow time: the platform numbers rewards as they are
 * confirmed, so one worker's rewards lie on many pages, and a chunk of 1,000 workers touches
 * thousands of pages all over the table. Marking them there changes every page of the table
 * again and again in one night, and after each checkpoint every first change of a page writes
 * the whole page to the WAL. A range of ids lies on neighbouring pages: each page is changed
 * once, in order. Where ids follow workers, a chunk's rewards already lie on neighbouring pages,
 * and marking them in the chunk spares the second pass ({@link MarkPaidRule}).
 *
 * <p>The rewards that expire tonight are expired by ranges too, in a pass of their own whose
 * ranges the settling's threads take beside the marking's: the paying step leaves them out of
 * every balance ({@link RunScope#PAYABLE_REWARDS}), so no statement of one pass touches a row of
 * the other.
 * The expiry's ranges end at the highest id that expires and the marking's begin at the lowest
 * the run pays from (both found by the opening's scan): where ids follow time, the first lie at
 * the old end of the table and the second after them, and neither pass reads the other's pages.
 *
 * <p>Between the paying step and the settling by ranges a paid worker's rewards, and those that
 * expire, are still UNPAID. Nobody else can act on them meanwhile: only one run is unfinished at
 * a time (a unique index), and while it is, the ledger's guard refuses any status change to the
 * rewards in its scope by others.
 */
@Repository
public class PaidRewardsMarking {

    /** The two passes over ranges of reward ids after the paying step: the expiry and the marking. */
    public enum Pass {
        EXPIRE, MARK
    }

    /** Reward ids from {@code first} to {@code last}, both included. */
    record Span(long first, long last) {
    }

    /** Rewards expired and rewards marked paid by the statement that settled one range of reward ids. */
    record Settled(Marked expired, Marked paid) {
    }

    /** Rewards marked paid (or expired) by one statement, and their yen. */
    public record Marked(long rewards, BigInteger yen) {
        public static final Marked NONE = new Marked(0, BigInteger.ZERO);

        public Marked plus(Marked more) {
            return new Marked(rewards + more.rewards, yen.add(more.yen));
        }
    }

    /**
     * Marks the run's payable rewards that match the first condition and whose worker the run
     * paid, with that payout; the CTE {@code paid} returns their amounts.
     */
    private static final String PAID = """
            with paid as (
                update reward r set status = 'PAID', payout_id = p.id
                from payout p
                where %s and %s
                  and p.run_id = ? and p.worker_id = r.worker_id
                returning r.amount_yen)
            """;
    /**
     * Expires the run's rewards with ids from one bound to the other that were confirmed before
     * its cut-off; the CTE {@code expired} returns their amounts.
     */
    private static final String EXPIRED = """
            expired as (
                update reward r set status = 'EXPIRED', expired_by_run_id = ?
                where r.id between ? and ? and %s and r.confirmed_on < ?
                returning r.amount_yen)
            """.formatted(RunScope.UNPAID_REWARDS);

    private final JdbcTemplate jdbc;

    public PaidRewardsMarking(JdbcTemplate jdbc) {
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

    /**
     * Where a run that has just opened marks its paid rewards: the setting, unless it is
     * {@link MarkPaid#AUTO}; then the rule's choice from the ids spanned by the rewards of the
     * first chunk the paying step will read, the lowest {@code chunkSize} workers due tonight.
     */
    public MarkPaid choosePlace(PayoutRun run, MarkPaid setting, MarkPaidRule rule) {
        if (setting != MarkPaid.AUTO) {
            return setting;
        }
        OptionalLong first = firstRewardId(run);
        return first.isEmpty() ? MarkPaid.BY_RANGES : rule.choose(first.getAsLong(), run.rewardWatermark(),
                firstChunkIds(run, rule.chunkSize()), run.workersInScope() == null ? 0 : run.workersInScope());
    }

    /** The lowest and highest id among the rewards of the lowest {@code chunkSize} workers paid from tonight. */
    private Optional<MarkPaidRule.IdSpan> firstChunkIds(PayoutRun run, int chunkSize) {
        return jdbc.query("""
                with first_chunk as (
                    select r.worker_id from reward r
                    where %1$s
                    group by r.worker_id order by r.worker_id limit ?)
                select min(r.id), max(r.id) from reward r
                where r.worker_id between (select min(worker_id) from first_chunk) and (select max(worker_id) from first_chunk)
                  and %1$s""".formatted(RunScope.PAYABLE_REWARDS),
                statement -> {
                    int next = RunScope.bindPayable(statement, 1, run);
                    statement.setInt(next, chunkSize);
                    RunScope.bindPayable(statement, next + 1, run);
                },
                rs -> {
                    rs.next();
                    long last = rs.getLong(2);
                    return rs.wasNull() ? Optional.empty() : Optional.of(new MarkPaidRule.IdSpan(rs.getLong(1), last));
                });
    }

    /**
     * Marks paid the run's payable rewards with ids from {@code first} to {@code last} whose worker
     * the run paid, with that worker's payout, then adds them to the run's totals. A range marked
     * before is marked again at no cost: its rewards are no longer unpaid.
     */
    Settled markRewardIds(PayoutRun run, long first, long last) {
        // the run's payouts are hashed once per range: below this they spill to temporary files
        jdbc.execute(PayoutLedger.LARGE_WORK_MEM);
        /*
         * Nobody has analyzed the payouts the paying step has just inserted (only the table's owner
         * may), so the planner expects a few hundred and probes the unpaid rewards' index once per
         * payout, every range again: twice the time of hashing them, measured at 2M rewards.
         */
        jdbc.execute("set local enable_nestloop = off");
        lockTheRunsPayouts(run);
        return addedToTheRun(run, settle(PAID.formatted("r.id between ? and ?", RunScope.PAYABLE_REWARDS)
                        + "select 0, 0, count(*), coalesce(sum(amount_yen), 0) from paid",
                statement -> {
                    statement.setLong(1, first);
                    statement.setLong(2, last);
                    statement.setLong(RunScope.bindPayable(statement, 3, run), run.id());
                }));
    }

    /**
     * Takes the key-share locks of the run's payouts in one sweep, in the order of the table,
     * before a range's rewards are marked: each reward's foreign-key check then finds its payout
     * locked by its own transaction and writes nothing. Left to the checks, the locks come in the
     * order of the rewards, all over the payout table from the range's first reward to its last,
     * and after every checkpoint the first lock on each payout page writes the whole page to the
     * WAL again: 81,792 images of the 13,400 payout pages in a 10M night (docs/benchmark.md,
     * "Scale note").
     */
    private void lockTheRunsPayouts(PayoutRun run) {
        jdbc.queryForObject("select count(*) from (select 1 from payout p where p.run_id = ? for key share) locked",
                Long.class, run.id());
    }

    /**
     * Expires the run's rewards with ids from {@code first} to {@code last} confirmed before its
     * cut-off, then adds them to the run's totals. It touches no reward the paying step reads or
     * a paying chunk or the marking marks (those are confirmed on or after the cut-off), so its
     * ranges run beside the marking's. A range expired before is expired again at no cost.
     */
    Settled expireRewardIds(PayoutRun run, long first, long last) {
        return addedToTheRun(run, settle("with " + EXPIRED + "select count(*), coalesce(sum(amount_yen), 0), 0, 0 from expired",
                statement -> bindExpired(statement, 1, run, first, last)));
    }

    /**
     * The ids a pass settles: from the lowest unpaid reward of the run to the highest that expires
     * tonight, or from the lowest it pays from to the watermark; empty when the run has nothing of
     * that kind, or marks in its paying chunks. A run opened before the spans were recorded settles
     * from its lowest unpaid reward to its watermark in both passes.
     */
    Optional<Span> span(PayoutRun run, Pass pass) {
        if (pass == Pass.MARK && run.marksPaidInChunks()) {
            return Optional.empty();
        }
        OptionalLong lowest = firstRewardId(run);
        if (lowest.isEmpty()) {
            return Optional.empty();
        }
        if (!run.settlingSpansRecorded()) {
            return Optional.of(new Span(lowest.getAsLong(), run.rewardWatermark()));
        }
        return pass == Pass.EXPIRE
                ? Optional.ofNullable(run.lastExpiringRewardId()).map(last -> new Span(lowest.getAsLong(), last))
                : Optional.ofNullable(run.firstPayableRewardId()).map(first -> new Span(first, run.rewardWatermark()));
    }

    /**
     * Adds a range to the run's totals, in the range's transaction. A statement of its own, run
     * once the range's statement has ended, foreign-key checks included: from this update to the
     * commit the run's row is locked, and a partition that ends its range meanwhile waits for this
     * commit. As part of the range's statement it held the row through all of those checks, and
     * the other partition waited for them (docs/benchmark.md, "How the night pays").
     */
    private Settled addedToTheRun(PayoutRun run, Settled settled) {
        jdbc.update("""
                update payout_run set expired_count = coalesce(expired_count, 0) + ?, expired_yen = coalesce(expired_yen, 0) + ?,
                                      marked_rewards = marked_rewards + ?, marked_yen = marked_yen + ?
                where id = ?""",
                settled.expired().rewards(), new BigDecimal(settled.expired().yen()), settled.paid().rewards(),
                new BigDecimal(settled.paid().yen()), run.id());
        return settled;
    }

    private static int bindExpired(PreparedStatement statement, int index, PayoutRun run, long first, long last)
            throws SQLException {
        statement.setLong(index, run.id());
        statement.setLong(index + 1, first);
        statement.setLong(index + 2, last);
        int next = RunScope.bind(statement, index + 3, run);
        statement.setObject(next, run.expiresConfirmedBefore());
        return next + 1;
    }

    private Settled settle(String sql, PreparedStatementSetter parameters) {
        return jdbc.query(sql, parameters, rs -> {
            rs.next();
            return new Settled(new Marked(rs.getLong(1), PayoutLedger.yen(rs.getBigDecimal(2))),
                    new Marked(rs.getLong(3), PayoutLedger.yen(rs.getBigDecimal(4))));
        });
    }

    /**
     * Marks paid the unpaid rewards of the workers from {@code firstWorker} to {@code lastWorker}
     * that the run paid, in the chunk that recorded their payouts. The chunk adds what it marked
     * to the run's tally ({@code paying.ChunkLedger}), which {@link #takeMarkedTotalsFromTheChunks} sums.
     */
    public Marked markWorkers(PayoutRun run, long firstWorker, long lastWorker) {
        // bounding the payouts too spares a walk over every payout of the run so far
        return marked(PAID.formatted("r.worker_id between ? and ? and p.worker_id between ? and ?", RunScope.PAYABLE_REWARDS)
                        + "select count(*), coalesce(sum(amount_yen), 0) from paid",
                statement -> {
                    statement.setLong(1, firstWorker);
                    statement.setLong(2, lastWorker);
                    statement.setLong(3, firstWorker);
                    statement.setLong(4, lastWorker);
                    statement.setLong(RunScope.bindPayable(statement, 5, run), run.id());
                });
    }

    /**
     * Marks paid the unpaid rewards of the given workers that the run paid: a later try of workers
     * set aside, whose ids lie spread over the run. As {@link #markWorkers(PayoutRun, long, long)}
     * otherwise.
     */
    public Marked markWorkers(PayoutRun run, Long[] workerIds) {
        return marked(PAID.formatted("r.worker_id = any(?) and p.worker_id = any(?)", RunScope.PAYABLE_REWARDS)
                        + "select count(*), coalesce(sum(amount_yen), 0) from paid",
                statement -> {
                    statement.setObject(1, workerIds);
                    statement.setObject(2, workerIds);
                    statement.setLong(RunScope.bindPayable(statement, 3, run), run.id());
                });
    }

    /** Runs a statement that marks rewards and returns their count and yen. */
    private Marked marked(String sql, PreparedStatementSetter parameters) {
        return jdbc.query(sql, parameters, rs -> {
            rs.next();
            return new Marked(rs.getLong(1), PayoutLedger.yen(rs.getBigDecimal(2)));
        });
    }
}

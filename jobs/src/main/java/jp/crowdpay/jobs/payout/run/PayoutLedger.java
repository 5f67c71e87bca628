package jp.crowdpay.jobs.payout.run;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.payout.rules.MarkPaid;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * SQL of a payout run's life: opening it with a fixed scope, expiring rewards, and the totals
 * that prove conservation. Every statement runs in the caller's (the step's) transaction.
 */
@Repository
public class PayoutLedger {

    /**
     * For a transaction whose statement sorts or hashes something of every worker or payout of
     * the night; at PostgreSQL's default of 4 MB they spill to temporary files.
     */
    public static final String LARGE_WORK_MEM = "set local work_mem = '256MB'";

    private static final RowMapper<PayoutRun> RUN = (rs, row) -> new PayoutRun(
            rs.getLong("id"),
            rs.getObject("business_date", LocalDate.class),
            rs.getLong("reward_watermark"),
            rs.getString("scope_snapshot"),
            rs.getObject("first_unpaid_reward_id", Long.class),
            rs.getObject("last_expiring_reward_id", Long.class),
            rs.getObject("first_payable_reward_id", Long.class),
            rs.getBoolean("settling_spans_recorded"),
            rs.getObject("expires_confirmed_before", LocalDate.class),
            rs.getObject("workers_in_scope", Long.class),
            rs.getLong("unpaid_before_count"),
            yen(rs.getBigDecimal("unpaid_before_yen")),
            rs.getObject("expired_count", Long.class),
            yen(rs.getBigDecimal("expired_yen")),
            rs.getObject("marked_rewards", Long.class),
            yen(rs.getBigDecimal("marked_yen")),
            rs.getString("marks_paid") == null ? null : MarkPaid.valueOf(rs.getString("marks_paid")),
            rs.getString("bank_file"),
            rs.getString("bank_file_sha256"),
            rs.getObject("completed_at") != null);

    private final JdbcTemplate jdbc;

    public PayoutLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Opens the run of the date, or returns the one opened before a crash. The snapshot, the
     * unpaid totals and the workers in scope come from one statement, so they describe the same
     * state of the ledger: the totals are those of {@link RunScope} with the snapshot this
     * statement records. Updating the guard row first makes the opening wait for the status
     * changes by others in flight, and those that come later see the run (the triggers of sql/V9__run_scope_by_snapshot.sql).
     *
     * @param expiresConfirmedBefore the expiry cut-off: rewards confirmed before it expire tonight
     */
    public PayoutRun open(LocalDate businessDate, LocalDate expiresConfirmedBefore) {
        Optional<PayoutRun> opened = find(businessDate);
        if (opened.isPresent()) {
            return opened.get();
        }
        takeScopeGuard();
        return openHoldingTheScopeGuard(businessDate, expiresConfirmedBefore);
    }

    /**
     * Takes the guard row for the caller's transaction: waits for the status changes by others in
     * flight, and keeps out those that come later until the transaction ends.
     */
    public void takeScopeGuard() {
        if (jdbc.update("update payout_scope_guard set runs_opened = runs_opened + 1") != 1) {
            throw new IllegalStateException("the row of payout_scope_guard is missing, so status changes by others"
                    + " cannot be kept out of the run; restore it: insert into payout_scope_guard default values");
        }
    }

    /** As {@link #open}, in a transaction that has taken the guard ({@link #takeScopeGuard}) and found no run of the date. */
    public PayoutRun openHoldingTheScopeGuard(LocalDate businessDate, LocalDate expiresConfirmedBefore) {
        // count(distinct) sorts the worker id of every reward in scope
        jdbc.execute(LARGE_WORK_MEM);
        jdbc.update("""
                insert into payout_run (business_date, reward_watermark, scope_snapshot, expires_confirmed_before,
                                        first_unpaid_reward_id, last_expiring_reward_id, first_payable_reward_id,
                                        settling_spans_recorded, marked_rewards, marked_yen, expired_count, expired_yen,
                                        unpaid_before_count, unpaid_before_yen, workers_in_scope)
                select ?, coalesce(max(id), 0), pg_current_snapshot(), ?,
                       min(id) filter (where status = 'UNPAID' and confirmed_on <= ?),
                       max(id) filter (where status = 'UNPAID' and confirmed_on <= ? and confirmed_on < ?),
                       min(id) filter (where status = 'UNPAID' and confirmed_on <= ? and confirmed_on >= ?), true, 0, 0, 0, 0,
                       count(*) filter (where status = 'UNPAID' and confirmed_on <= ?),
                       coalesce(sum(amount_yen) filter (where status = 'UNPAID' and confirmed_on <= ?), 0),
                       count(distinct worker_id) filter (where status = 'UNPAID' and confirmed_on <= ? and confirmed_on >= ?)
                from reward
                on conflict (business_date) do nothing""",
                businessDate, expiresConfirmedBefore, businessDate, businessDate, expiresConfirmedBefore, businessDate,
                expiresConfirmedBefore, businessDate, businessDate, businessDate, expiresConfirmedBefore);
        return find(businessDate).orElseThrow();
    }

    public Optional<PayoutRun> find(LocalDate businessDate) {
        List<PayoutRun> runs = jdbc.query("select * from payout_run where business_date = ?", RUN, businessDate);
        return runs.stream().findFirst();
    }

    public PayoutRun get(LocalDate businessDate) {
        return find(businessDate).orElseThrow(() -> new IllegalStateException(
                "no payout run is open for " + businessDate + ": the job must start with openRunStep"));
    }

    /** The run's row as it is now: its totals after a step changed them. */
    public PayoutRun reread(PayoutRun run) {
        return jdbc.queryForObject("select * from payout_run where id = ?", RUN, run.id());
    }

    /**
     * Why a run for the date must not start, if it must not: a later date already completed (a
     * missed night needs no catch-up, the next run's rules cover it), an earlier or a later run
     * is unfinished (its payouts are recorded but the bank has no file for them yet, and only
     * one run is unfinished at a time), or a new date lies before the ledger's first reward (no
     * reward can be due then: a mistyped year).
     */
    public Optional<String> refusalToRun(LocalDate businessDate) {
        if (find(businessDate).isEmpty() && Boolean.TRUE.equals(jdbc.queryForObject(
                "select exists (select 1 from reward) and not exists (select 1 from reward where confirmed_on <= ?)",
                Boolean.class, businessDate))) {
            return Optional.of("--date " + businessDate + " is before the first reward in the ledger: no reward was"
                    + " confirmed on or before it, so none can be due");
        }
        LocalDate latestCompleted = jdbc.queryForObject(
                "select max(business_date) from payout_run where completed_at is not null", LocalDate.class);
        if (latestCompleted != null && businessDate.isBefore(latestCompleted)) {
            return Optional.of("the payout of " + latestCompleted + " already completed, so " + businessDate
                    + " lies in the past: a missed night needs no catch-up, the next run pays what it owed");
        }
        return unfinishedBefore(businessDate).map(unfinished -> "the payout of " + unfinished + " has not completed;"
                + " continue it first with 'payout --date " + unfinished + "', or run 'payout' without --no-catch-up")
                .or(() -> refusalBeforeUnfinished(businessDate));
    }

    /**
     * Why a date between the latest completed night and a later unfinished one must not run: the
     * later night has to complete first (one unfinished run at a time), and once it has, the date
     * lies in the past. Empty when no later run is unfinished, or a later one completed (then
     * {@link #refusalToRun} says the date lies in the past).
     */
    public Optional<String> refusalBeforeUnfinished(LocalDate businessDate) {
        List<LocalDate> later = jdbc.queryForList("""
                select business_date from payout_run
                where completed_at is null and business_date > ?
                  and not exists (select 1 from payout_run c where c.completed_at is not null and c.business_date > ?)
                order by business_date limit 1""",
                LocalDate.class, businessDate, businessDate);
        return later.stream().findFirst().map(unfinished -> "the payout of " + unfinished + " has not completed, and "
                + businessDate + " lies before it: finish " + unfinished + " first with 'payout --date " + unfinished
                + "'; then " + businessDate + " lies in the past and needs no run of its own (the next night pays what"
                + " it owed)");
    }

    /** The latest business date whose run completed. */
    public Optional<LocalDate> latestCompleted() {
        return Optional.ofNullable(jdbc.queryForObject(
                "select max(business_date) from payout_run where completed_at is not null", LocalDate.class));
    }

    /** The earliest business date before the given one whose run opened and has not completed. */
    public Optional<LocalDate> unfinishedBefore(LocalDate businessDate) {
        return jdbc.queryForList(
                "select business_date from payout_run where completed_at is null and business_date < ? order by business_date limit 1",
                LocalDate.class, businessDate).stream().findFirst();
    }

    /** Unpaid rewards still in the run's scope: what the run carries forward. */
    public Totals unpaidInScope(PayoutRun run) {
        return jdbc.queryForObject("select count(*), coalesce(sum(r.amount_yen), 0) from reward r where "
                        + RunScope.UNPAID_REWARDS,
                (rs, row) -> new Totals(rs.getLong(1), yen(rs.getBigDecimal(2))), RunScope.parameters(run));
    }

    /** What the run's payouts cover: rewards, gross, fees and the amount transferred. */
    public PaidTotals paid(PayoutRun run) {
        return jdbc.queryForObject("""
                select count(*), coalesce(sum(reward_count), 0), coalesce(sum(gross_yen), 0),
                       coalesce(sum(fee_yen), 0), coalesce(sum(amount_yen), 0)
                from payout where run_id = ?""",
                (rs, row) -> new PaidTotals(rs.getLong(1), rs.getLong(2), yen(rs.getBigDecimal(3)),
                        yen(rs.getBigDecimal(4)), yen(rs.getBigDecimal(5))),
                run.id());
    }

    /** Workers the paying step gave an outcome, whatever it was. */
    public long workersConsidered(PayoutRun run) {
        return jdbc.queryForObject("select coalesce(sum(workers), 0) from payout_run_tally where run_id = ?", Long.class, run.id());
    }

    /** Records where the run marks its paid rewards: once, when it opens. */
    public void recordMarkPaid(PayoutRun run, MarkPaid place) {
        jdbc.update("update payout_run set marks_paid = ? where id = ? and marks_paid is null", place.name(), run.id());
    }

    public void recordBankFile(PayoutRun run, String fileName, String sha256) {
        jdbc.update("update payout_run set bank_file = ?, bank_file_sha256 = ? where id = ?", fileName, sha256, run.id());
    }

    public void complete(PayoutRun run, Totals unpaidAfter) {
        jdbc.update("""
                update payout_run set unpaid_after_count = ?, unpaid_after_yen = ?, completed_at = now()
                where id = ?""",
                unpaidAfter.count(), new BigDecimal(unpaidAfter.yen()), run.id());
    }

    /** Yen as PostgreSQL sums them (numeric): exact, and never past a range. */
    public static BigInteger yen(BigDecimal numeric) {
        return numeric == null ? null : numeric.toBigIntegerExact();
    }

    public record Totals(long count, BigInteger yen) {
    }

    public record PaidTotals(long payouts, long rewards, BigInteger grossYen, BigInteger feeYen, BigInteger transferredYen) {
    }
}

package jp.crowdpay.jobs.close;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Array;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.close.ClosedMonth.JournalAccounts;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of the month-end close: the nights and rewards it reads, and the closes it records. Runs in the caller's transaction. */
@Repository
class CloseLedger {

    /** How long a close waits for changes to settled rewards in flight before it gives up (exit 1, run it again). */
    static final String LOCK_TIMEOUT = "10s";

    private final JdbcTemplate jdbc;
    private final NamedParameterJdbcTemplate named;

    CloseLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
        this.named = new NamedParameterJdbcTemplate(jdbc);
    }

    /**
     * A payout night: its recorded totals, its payouts, and its scope (what it covered: the rewards
     * confirmed on or before its date that its snapshot shows committed, or, for nights opened before
     * snapshots were recorded, up to its watermark).
     */
    record Night(long runId, LocalDate date, boolean completed, Tally expiredRecorded, Day.Paid paid, Tally unpaidAfter,
                 long watermark, String snapshot) {
    }

    /**
     * The first statement of a close's transaction, before any read: waits for the changes to
     * settled rewards and payouts in flight (they hold month_close_guard FOR SHARE), so that the
     * close's snapshot, taken by the next statement, counts them as they ended up; and makes those
     * that come later wait until the close has committed (sql/V16__month_end_close.sql).
     */
    void waitForChangesInFlight() {
        jdbc.execute("set local lock_timeout = '" + LOCK_TIMEOUT + "'");
        jdbc.execute("lock table month_close_guard in exclusive mode");
    }

    Optional<YearMonth> latestClosed() {
        return Optional.ofNullable(jdbc.queryForObject("select max(month) from closed_month", LocalDate.class))
                .map(YearMonth::from);
    }

    /** The nights dated between the two dates, with their payouts. */
    List<Night> nights(LocalDate from, LocalDate to) {
        return jdbc.query("""
                select r.id, r.business_date, r.completed_at is not null as completed, r.expired_count, r.expired_yen,
                       r.unpaid_after_count, r.unpaid_after_yen, r.reward_watermark, r.scope_snapshot::text as scope_snapshot,
                       count(p.id) as payouts, coalesce(sum(p.reward_count), 0) as paid_rewards,
                       coalesce(sum(p.gross_yen), 0) as gross_yen, coalesce(sum(p.fee_yen), 0) as fee_yen,
                       coalesce(sum(p.amount_yen), 0) as transferred_yen
                from payout_run r
                left join payout p on p.run_id = r.id
                where r.business_date between ? and ?
                group by r.id
                order by r.business_date""",
                (rs, row) -> new Night(rs.getLong("id"), rs.getObject("business_date", LocalDate.class),
                        rs.getBoolean("completed"), tally(rs, "expired_count", "expired_yen"),
                        new Day.Paid(rs.getLong("payouts"), rs.getLong("paid_rewards"), yen(rs, "gross_yen"),
                                yen(rs, "fee_yen"), yen(rs, "transferred_yen")),
                        tally(rs, "unpaid_after_count", "unpaid_after_yen"), rs.getLong("reward_watermark"),
                        rs.getString("scope_snapshot")),
                from, to);
    }

    Optional<LocalDate> firstCompletedAfter(LocalDate date) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select min(business_date) from payout_run where completed_at is not null and business_date > ?",
                LocalDate.class, date));
    }

    /** The latest completed night dated on or before the date. */
    Optional<Night> lastCompletedNight(LocalDate onOrBefore) {
        return jdbc.queryForList("""
                        select max(business_date) from payout_run where completed_at is not null and business_date <= ?""",
                        LocalDate.class, onOrBefore).stream()
                .filter(date -> date != null)
                .flatMap(date -> nights(date, date).stream())
                .findFirst();
    }

    /** The close's figures that come from the rewards, by name and business date (null for the month as a whole). */
    record RewardFigures(Map<String, Tally> tallies, Map<String, BigInteger> feeRefunds) {

        Tally tally(String figure, LocalDate day) {
            return tallies.getOrDefault(figure + "@" + day, Tally.ZERO);
        }

        BigInteger feeRefund(String figure, LocalDate day) {
            return feeRefunds.getOrDefault(figure + "@" + day, BigInteger.ZERO);
        }
    }

    /**
     * One pass over the rewards confirmed on or before the month's last day, each counted in every
     * figure it belongs to:
     * <ul>
     * <li>OPENING, LATE_CONFIRMED, LATE_RECREDITED: confirmed before the month and not paid or
     *     expired by a night dated before it; in the previous close's books, or committed after it;</li>
     * <li>CONFIRMED, RECREDITED by confirmation date: confirmed in the month (a return's credit is
     *     confirmed on the return date), with the part of a credit that refunds a fee;</li>
     * <li>PAID, EXPIRED by the date of the night that settled them, for the nights of the month;</li>
     * <li>CLOSING: not paid or expired by a night dated in the month or before it;</li>
     * <li>ARRIVED: not in the last night's scope (confirmed after its date, or committed after it opened).</li>
     * </ul>
     * Reads the whole history of rewards: the ledger has no index that would serve it, and one more
     * index on reward would cost every night (docs/month-end-close.md).
     */
    RewardFigures rewardFigures(YearMonth month, Optional<String> previousBooks, Night lastNight) {
        MapSqlParameterSource parameters = new MapSqlParameterSource()
                .addValue("first", month.atDay(1))
                .addValue("last", month.atEndOfMonth())
                .addValue("previousBooks", previousBooks.orElse(null), Types.VARCHAR)
                .addValue("lastNight", lastNight.date())
                .addValue("lastNightWatermark", lastNight.watermark())
                .addValue("lastNightSnapshot", lastNight.snapshot(), Types.VARCHAR);
        Map<String, Tally> tallies = new HashMap<>();
        Map<String, BigInteger> feeRefunds = new HashMap<>();
        named.query("""
                with ledger as (
                    select r.amount_yen, r.confirmed_on, r.status, r.return_id is not null as credit,
                           coalesce(paid_by.business_date, expired_by.business_date) as settled_on,
                           case when r.return_id is not null then r.amount_yen - returned.amount_yen else 0 end as fee_refund_yen,
                           (r.inserted_xid is null or cast(:previousBooks as pg_snapshot) is null
                            or pg_visible_in_snapshot(r.inserted_xid, cast(:previousBooks as pg_snapshot))) as in_previous_books,
                           coalesce(r.confirmed_on <= :lastNight
                                    and ((r.inserted_xid is null and r.id <= :lastNightWatermark)
                                         or pg_visible_in_snapshot(r.inserted_xid, cast(:lastNightSnapshot as pg_snapshot))),
                                    false) as in_last_night
                    from reward r
                    left join payout p on p.id = r.payout_id
                    left join payout_run paid_by on paid_by.id = p.run_id
                    left join payout_run expired_by on expired_by.id = r.expired_by_run_id
                    left join payout_return x on x.id = r.return_id
                    left join payout returned on returned.id = x.payout_id
                    where r.confirmed_on <= :last)
                select f.figure, f.day, count(*) as rewards, sum(l.amount_yen) as yen, sum(l.fee_refund_yen) as fee_refund_yen
                from ledger l
                cross join lateral (values
                    (case when l.confirmed_on < :first and (l.settled_on is null or l.settled_on >= :first) then
                          case when l.in_previous_books then 'OPENING' when l.credit then 'LATE_RECREDITED' else 'LATE_CONFIRMED' end
                     end, null::date),
                    (case when l.confirmed_on >= :first then case when l.credit then 'RECREDITED' else 'CONFIRMED' end end,
                     l.confirmed_on),
                    (case when l.settled_on between :first and :last then l.status end, l.settled_on),
                    (case when l.settled_on is null or l.settled_on > :last then 'CLOSING' end, null::date),
                    (case when not l.in_last_night then 'ARRIVED' end, null::date)) as f(figure, day)
                where f.figure is not null
                group by f.figure, f.day""",
                parameters, rs -> {
                    String key = rs.getString("figure") + "@" + rs.getObject("day", LocalDate.class);
                    tallies.put(key, tally(rs, "rewards", "yen"));
                    feeRefunds.put(key, yen(rs, "fee_refund_yen"));
                });
        return new RewardFigures(tallies, feeRefunds);
    }

    /**
     * Records the close, its days and, in the same transaction, an update of the guard row: a
     * repeatable-read transaction that read the ledger before the close and would now settle a
     * reward in the month gets a serialization failure (sql/V16__month_end_close.sql).
     */
    void record(ClosedMonth close, long lastNightRunId) {
        RollForward figures = close.figures();
        JournalAccounts accounts = close.accounts();
        LocalDate month = figures.month().atDay(1);
        jdbc.update("""
                insert into closed_month (month, books_snapshot, last_night_run_id, missed_nights,
                                          opening_count, opening_yen, late_confirmed_count, late_confirmed_yen,
                                          late_recredited_count, late_recredited_yen, late_recredited_fee_refund_yen,
                                          closing_count, closing_yen, night_unpaid_count, night_unpaid_yen,
                                          arrived_after_count, arrived_after_yen, liability_account, bank_account,
                                          fee_income_account, forfeited_income_account, tax_category, fee_tax_category,
                                          closed_by)
                values (?, pg_current_snapshot(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                statement -> {
                    statement.setObject(1, month);
                    statement.setLong(2, lastNightRunId);
                    statement.setArray(3, statement.getConnection().createArrayOf("date",
                            close.missedNights().stream().map(Date::valueOf).toArray()));
                    int next = set(statement, 4, figures.opening());
                    next = set(statement, next, figures.lateConfirmed());
                    next = set(statement, next, figures.lateRecredited());
                    statement.setBigDecimal(next++, new BigDecimal(figures.lateRecreditedFeeRefund()));
                    next = set(statement, next, figures.closing());
                    next = set(statement, next, close.nightUnpaid());
                    next = set(statement, next, close.arrivedAfter());
                    for (String name : List.of(accounts.liability(), accounts.bank(), accounts.feeIncome(),
                            accounts.forfeitedIncome(), accounts.taxCategory(), accounts.feeTaxCategory(), close.closedBy())) {
                        statement.setString(next++, name);
                    }
                });
        jdbc.batchUpdate("""
                insert into closed_month_day (business_date, month, night_run_id, confirmed_count, confirmed_yen,
                                              recredited_count, recredited_yen, recredited_fee_refund_yen, payouts,
                                              paid_rewards, paid_gross_yen, paid_fee_yen, paid_transferred_yen,
                                              expired_count, expired_yen)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
                figures.days(), 100, (statement, day) -> {
                    statement.setObject(1, day.date());
                    statement.setObject(2, month);
                    statement.setObject(3, day.nightRunId());
                    int next = set(statement, 4, day.confirmed());
                    next = set(statement, next, day.recredited());
                    statement.setBigDecimal(next++, new BigDecimal(day.recreditedFeeRefund()));
                    Day.Paid paid = day.paid();
                    statement.setLong(next++, paid.payouts());
                    statement.setLong(next++, paid.rewards());
                    statement.setBigDecimal(next++, new BigDecimal(paid.gross()));
                    statement.setBigDecimal(next++, new BigDecimal(paid.fee()));
                    statement.setBigDecimal(next++, new BigDecimal(paid.transferred()));
                    set(statement, next, day.expired());
                });
        jdbc.update("""
                insert into month_close_guard default values
                on conflict (only_row) do update set closes = month_close_guard.closes + 1""");
    }

    /** Records where the month's journal went; recorded once and never replaced. */
    void recordJournal(ClosedMonth close, String manifest, String sha256) {
        if (close.journalManifest() != null) {
            if (!close.journalManifest().equals(manifest) || !close.journalSha256().equals(sha256)) {
                throw new IllegalStateException("the journal of " + close.figures().month() + " was written as "
                        + close.journalManifest() + " (sha256 " + close.journalSha256() + "), not as " + manifest
                        + " (sha256 " + sha256 + ")");
            }
            return;
        }
        jdbc.update("update closed_month set journal_manifest = ?, journal_sha256 = ? where month = ?", manifest, sha256,
                close.figures().month().atDay(1));
    }

    /** The snapshot a close read the ledger with. */
    Optional<String> booksSnapshot(YearMonth month) {
        return jdbc.queryForList("select books_snapshot::text from closed_month where month = ?", String.class,
                month.atDay(1)).stream().findFirst();
    }

    Optional<ClosedMonth> find(YearMonth month) {
        List<Day> days = jdbc.query("select * from closed_month_day where month = ? order by business_date",
                (rs, row) -> new Day(rs.getObject("business_date", LocalDate.class), rs.getObject("night_run_id", Long.class),
                        tally(rs, "confirmed_count", "confirmed_yen"), tally(rs, "recredited_count", "recredited_yen"),
                        yen(rs, "recredited_fee_refund_yen"),
                        new Day.Paid(rs.getLong("payouts"), rs.getLong("paid_rewards"), yen(rs, "paid_gross_yen"),
                                yen(rs, "paid_fee_yen"), yen(rs, "paid_transferred_yen")),
                        tally(rs, "expired_count", "expired_yen")),
                month.atDay(1));
        return jdbc.query("""
                        select m.*, n.business_date as last_night,
                               exists (select 1 from closed_month p where p.month = m.month - interval '1 month') as after_previous
                        from closed_month m join payout_run n on n.id = m.last_night_run_id
                        where m.month = ?""",
                (rs, row) -> new ClosedMonth(
                        new RollForward(month, tally(rs, "opening_count", "opening_yen"),
                                tally(rs, "late_confirmed_count", "late_confirmed_yen"),
                                tally(rs, "late_recredited_count", "late_recredited_yen"),
                                yen(rs, "late_recredited_fee_refund_yen"), days),
                        rs.getBoolean("after_previous"), rs.getObject("last_night", LocalDate.class),
                        tally(rs, "night_unpaid_count", "night_unpaid_yen"),
                        tally(rs, "arrived_after_count", "arrived_after_yen"), dates(rs.getArray("missed_nights")),
                        new JournalAccounts(rs.getString("liability_account"), rs.getString("bank_account"),
                                rs.getString("fee_income_account"), rs.getString("forfeited_income_account"),
                                rs.getString("tax_category"), rs.getString("fee_tax_category")),
                        rs.getObject("closed_at", OffsetDateTime.class), rs.getString("closed_by"),
                        rs.getString("journal_manifest"), rs.getString("journal_sha256")),
                month.atDay(1)).stream().findFirst();
    }

    private static int set(PreparedStatement statement, int index, Tally tally) throws SQLException {
        statement.setLong(index, tally.count());
        statement.setBigDecimal(index + 1, new BigDecimal(tally.yen()));
        return index + 2;
    }

    private static List<LocalDate> dates(Array array) throws SQLException {
        return Arrays.stream((Date[]) array.getArray()).map(Date::toLocalDate).toList();
    }

    private static Tally tally(ResultSet rs, String count, String yen) throws SQLException {
        return new Tally(rs.getLong(count), yen(rs, yen));
    }

    /** Yen as PostgreSQL sums them (numeric): exact, and never past a range. Null reads as 0. */
    private static BigInteger yen(ResultSet rs, String column) throws SQLException {
        BigDecimal numeric = rs.getBigDecimal(column);
        return numeric == null ? BigInteger.ZERO : numeric.toBigIntegerExact();
    }
}

package jp.crowdpay.jobs.notices;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The SQL of the expiry notices: the night's candidates, and the batches, notices and support listings recorded. */
@Repository
class NoticeLedger {

    private final JdbcTemplate jdbc;

    NoticeLedger(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A night whose notices are recorded; {@code file} and {@code sha256} null until its file is in the outbox. */
    record Batch(long id, LocalDate businessDate, List<Integer> thresholds, int deadlineDays, String file,
                 String sha256) {
    }

    /**
     * A worker with pending rewards whose earliest deadline is near.
     *
     * @param recordedReason the carry-forward reason the payout recorded, null for a worker it only counted
     */
    record Candidate(long workerId, LocalDate earliestConfirmed, String withdrawalMethod, String recordedReason) {
    }

    Optional<Batch> batch(LocalDate businessDate) {
        return jdbc.query("select * from expiry_notice_batch where business_date = ?", NoticeLedger::batch, businessDate)
                .stream().findFirst();
    }

    Optional<LocalDate> latestBatchAfter(LocalDate businessDate) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select max(business_date) from expiry_notice_batch where business_date > ?", LocalDate.class, businessDate));
    }

    Optional<LocalDate> latestPayoutAfter(LocalDate businessDate) {
        return Optional.ofNullable(jdbc.queryForObject(
                "select max(business_date) from payout_run where business_date > ?", LocalDate.class, businessDate));
    }

    long openBatch(LocalDate businessDate, long payoutRunId, List<Integer> thresholds, int deadlineDays) {
        return jdbc.queryForObject("""
                insert into expiry_notice_batch (business_date, payout_run_id, thresholds, deadline_days)
                values (?, ?, ?, ?) returning id""", Long.class,
                businessDate, payoutRunId, thresholds.toArray(Integer[]::new), deadlineDays);
    }

    /**
     * Workers not paid by the run whose earliest pending reward (unpaid, confirmed on or before
     * the date and not past its deadline) was confirmed between the two dates, by worker id.
     */
    List<Candidate> candidates(LocalDate businessDate, long payoutRunId, LocalDate payableFrom, LocalDate nearUntil) {
        return jdbc.query("""
                with near as (
                    select distinct worker_id from reward
                    where status = 'UNPAID' and confirmed_on between ? and ?),
                earliest as (
                    select r.worker_id, min(r.confirmed_on) as earliest_confirmed
                    from reward r join near using (worker_id)
                    where r.status = 'UNPAID' and r.confirmed_on between ? and ?
                    group by r.worker_id)
                select e.worker_id, e.earliest_confirmed, w.withdrawal_method, x.reason
                from earliest e
                join worker w on w.id = e.worker_id
                left join payout_exception x on x.run_id = ? and x.worker_id = e.worker_id
                where not exists (select 1 from payout p where p.run_id = ? and p.worker_id = e.worker_id)
                order by e.worker_id""",
                (rs, row) -> new Candidate(rs.getLong("worker_id"), rs.getObject("earliest_confirmed", LocalDate.class),
                        rs.getString("withdrawal_method"), rs.getString("reason")),
                payableFrom, nearUntil, payableFrom, businessDate, payoutRunId, payoutRunId);
    }

    /**
     * A notice to be recorded, with the rewards it warns about: the worker's pending rewards
     * confirmed between the two dates (payable still, and due within the threshold).
     */
    record NewNotice(ExpiryNotice notice, LocalDate payableFrom, LocalDate atRiskConfirmedUntil) {
    }

    /** Records the notices not sent before for their (worker, threshold, earliest deadline); its yen are summed here. */
    void recordNotices(long batchId, List<NewNotice> notices) {
        jdbc.batchUpdate("""
                insert into expiry_notice (batch_id, worker_id, business_date, earliest_deadline, days_left, threshold_days,
                                           yen_at_risk, reason, login_locked)
                select ?, ?, ?, ?, ?, ?, sum(amount_yen), ?, ?
                from reward where worker_id = ? and status = 'UNPAID' and confirmed_on between ? and ?
                on conflict (worker_id, threshold_days, earliest_deadline) do nothing""",
                notices, 1_000, (statement, recorded) -> {
                    ExpiryNotice notice = recorded.notice();
                    statement.setLong(1, batchId);
                    statement.setLong(2, notice.workerId());
                    statement.setObject(3, notice.businessDate());
                    statement.setObject(4, notice.earliestDeadline());
                    statement.setInt(5, notice.daysLeft());
                    statement.setInt(6, notice.thresholdDays());
                    statement.setString(7, notice.reason());
                    statement.setBoolean(8, notice.loginLocked());
                    statement.setLong(9, notice.workerId());
                    statement.setObject(10, recorded.payableFrom());
                    statement.setObject(11, recorded.atRiskConfirmedUntil());
                });
        jdbc.update("""
                insert into expiry_notice_reward (notice_id, reward_id)
                select n.id, r.id
                from expiry_notice n
                join expiry_notice_batch b on b.id = n.batch_id
                join reward r on r.worker_id = n.worker_id and r.status = 'UNPAID'
                 and r.confirmed_on between n.business_date - b.deadline_days
                                        and n.business_date + n.threshold_days - b.deadline_days
                where n.batch_id = ?""", batchId);
    }

    /** Lists a locked-out worker for support, with the yen of their rewards confirmed on or before {@code atRiskConfirmedUntil}. */
    void listForSupport(long batchId, List<SupportCase> cases, LocalDate payableFrom, LocalDate atRiskConfirmedUntil) {
        jdbc.batchUpdate("""
                insert into expiry_support_listing (batch_id, worker_id, earliest_deadline, days_left, yen_at_risk,
                                                    lock_reason, support_lock)
                select ?, ?, ?, ?, sum(amount_yen), ?, ?
                from reward where worker_id = ? and status = 'UNPAID' and confirmed_on between ? and ?""",
                cases, 1_000, (statement, listed) -> {
                    statement.setLong(1, batchId);
                    statement.setLong(2, listed.workerId());
                    statement.setObject(3, listed.earliestDeadline());
                    statement.setInt(4, listed.daysLeft());
                    statement.setString(5, listed.lockReason());
                    statement.setString(6, listed.supportLock());
                    statement.setLong(7, listed.workerId());
                    statement.setObject(8, payableFrom);
                    statement.setObject(9, atRiskConfirmedUntil);
                });
    }

    List<ExpiryNotice> notices(long batchId) {
        return jdbc.query("""
                select worker_id, business_date, earliest_deadline, days_left, threshold_days, yen_at_risk, reason, login_locked
                from expiry_notice where batch_id = ? order by worker_id""",
                (rs, row) -> new ExpiryNotice(rs.getLong("worker_id"), rs.getObject("business_date", LocalDate.class),
                        rs.getObject("earliest_deadline", LocalDate.class), rs.getInt("days_left"),
                        rs.getInt("threshold_days"), yen(rs, "yen_at_risk"), rs.getString("reason"),
                        rs.getBoolean("login_locked")),
                batchId);
    }

    List<SupportCase> supportListing(long batchId) {
        return jdbc.query("""
                select worker_id, earliest_deadline, days_left, yen_at_risk, lock_reason, support_lock
                from expiry_support_listing where batch_id = ? order by worker_id""",
                (rs, row) -> new SupportCase(rs.getLong("worker_id"), rs.getObject("earliest_deadline", LocalDate.class),
                        rs.getInt("days_left"), yen(rs, "yen_at_risk"), rs.getString("lock_reason"),
                        rs.getString("support_lock")),
                batchId);
    }

    /** Records where the night's file went; a night's file is recorded once and never replaced. */
    void recordFile(Batch batch, String file, String sha256) {
        if (batch.file() != null) {
            if (!batch.file().equals(file) || !batch.sha256().equals(sha256)) {
                throw new IllegalStateException("the notices of " + batch.businessDate() + " were written as " + batch.file()
                        + " (sha256 " + batch.sha256() + "), not as " + file + " (sha256 " + sha256 + ")");
            }
            return;
        }
        jdbc.update("update expiry_notice_batch set file = ?, file_sha256 = ? where id = ?", file, sha256, batch.id());
    }

    private static Batch batch(ResultSet rs, int row) throws SQLException {
        Integer[] thresholds = (Integer[]) rs.getArray("thresholds").getArray();
        return new Batch(rs.getLong("id"), rs.getObject("business_date", LocalDate.class), Arrays.asList(thresholds),
                rs.getInt("deadline_days"), rs.getString("file"), rs.getString("file_sha256"));
    }

    static BigInteger yen(ResultSet rs, String column) throws SQLException {
        return rs.getBigDecimal(column).toBigIntegerExact();
    }
}

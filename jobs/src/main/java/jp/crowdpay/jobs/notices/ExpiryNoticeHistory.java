package jp.crowdpay.jobs.notices;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Per night, the notices sent and the money the payout let expire, with how much of it the
 * workers had been warned about at least once: what {@code status} shows.
 */
@Repository
public class ExpiryNoticeHistory {

    private final JdbcTemplate jdbc;

    public ExpiryNoticeHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * @param notices    null for a night whose notices were not recorded
     * @param file       null until the night's file is written
     * @param warnedYen  of the expired yen, the rewards that some earlier notice warned about
     */
    public record Night(LocalDate businessDate, Long notices, BigInteger yenAtRisk, BigInteger expiredYen,
                        BigInteger warnedYen, String file) {
    }

    /** Newest first: the nights of the payout, with their notices if any. */
    public List<Night> recent(LocalDate onlyDate, int limit) {
        // the warned rewards are few (those of notices); one pass over them serves every night shown
        return jdbc.query("""
                with shown as (
                    select * from payout_run
                    where cast(? as date) is null or business_date = ?
                    order by business_date desc
                    limit ?),
                warned as (
                    select x.expired_by_run_id as run_id, sum(x.amount_yen) as yen
                    from reward x
                    where x.id in (select reward_id from expiry_notice_reward)
                      and x.expired_by_run_id in (select id from shown)
                    group by x.expired_by_run_id)
                select r.business_date, coalesce(r.expired_yen, 0) as expired_yen, coalesce(w.yen, 0) as warned_yen,
                       b.id as batch_id, b.file,
                       (select count(*) from expiry_notice n where n.batch_id = b.id) as notices,
                       (select coalesce(sum(n.yen_at_risk), 0) from expiry_notice n where n.batch_id = b.id) as yen_at_risk
                from shown r
                left join warned w on w.run_id = r.id
                left join expiry_notice_batch b on b.business_date = r.business_date
                order by r.business_date desc""",
                (rs, row) -> new Night(rs.getObject("business_date", LocalDate.class),
                        rs.getObject("batch_id") == null ? null : rs.getLong("notices"),
                        NoticeLedger.yen(rs, "yen_at_risk"), NoticeLedger.yen(rs, "expired_yen"),
                        NoticeLedger.yen(rs, "warned_yen"), rs.getString("file")),
                onlyDate, onlyDate, limit);
    }

    /** The newest night whose payout completed: when it completed, and whether its notice file is written. */
    public record CompletedNight(LocalDate businessDate, Instant completed, boolean noticesWritten) {
    }

    public Optional<CompletedNight> latestCompletedNight() {
        return jdbc.query("""
                select r.business_date, r.completed_at, b.file is not null as written
                from payout_run r left join expiry_notice_batch b on b.business_date = r.business_date
                where r.completed_at is not null
                order by r.business_date desc limit 1""",
                (rs, row) -> new CompletedNight(rs.getObject("business_date", LocalDate.class),
                        rs.getObject("completed_at", OffsetDateTime.class).toInstant(), rs.getBoolean("written")))
                .stream().findFirst();
    }
}

package jp.crowdpay.jobs.payout.run;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.runs.RepositoryTime;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The recent payout runs as the job repository and the ledger recorded them: what {@code status} shows. */
@Repository
public class PayoutRunHistory {

    private static final String RECENT_RUNS = """
            with latest as (
                select distinct on (e.job_instance_id)
                       e.job_instance_id, e.job_execution_id, e.status, e.start_time, e.end_time,
                       p.parameter_value::date as business_date,
                       count(*) over (partition by e.job_instance_id) as attempts
                from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
                join batch_job_execution_params p
                  on p.job_execution_id = e.job_execution_id and p.parameter_name = ?
                order by e.job_instance_id, e.job_execution_id desc)
            select l.*,
                   (select coalesce(sum(t.workers), 0) from payout_run_tally t where t.run_id = r.id) as workers,
                   (select count(*) from payout x where x.run_id = r.id) as payouts,
                   (select coalesce(sum(x.amount_yen), 0) from payout x where x.run_id = r.id) as transferred_yen,
                   coalesce(r.expired_yen, 0) as expired_yen, r.bank_file
            from latest l left join payout_run r on r.business_date = l.business_date
            where cast(? as date) is null or l.business_date = ?
            order by l.business_date desc, l.job_execution_id desc
            limit ?""";

    private final JdbcTemplate jdbc;

    public PayoutRunHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** One entry per business date, newest first: the latest execution of each. */
    public List<Entry> recent(LocalDate onlyDate, int limit) {
        return jdbc.query(RECENT_RUNS, PayoutRunHistory::entry, PayoutJobParameters.JOB_NAME,
                PayoutJobParameters.BUSINESS_DATE, onlyDate, onlyDate, limit);
    }

    /** When the newest completed execution of the payout ended; empty when none has completed. */
    public Optional<Instant> lastCompleted() {
        return Optional.ofNullable(RepositoryTime.instant(jdbc.queryForObject("""
                select max(e.end_time) from batch_job_execution e
                join batch_job_instance i on i.job_instance_id = e.job_instance_id and i.job_name = ?
                where e.status = 'COMPLETED'""", LocalDateTime.class, PayoutJobParameters.JOB_NAME)));
    }

    private static Entry entry(ResultSet rs, int row) throws SQLException {
        return new Entry(rs.getObject("business_date", LocalDate.class), rs.getString("status"),
                rs.getLong("job_execution_id"), rs.getLong("attempts"),
                RepositoryTime.instant(rs.getObject("start_time", LocalDateTime.class)),
                RepositoryTime.instant(rs.getObject("end_time", LocalDateTime.class)),
                rs.getLong("workers"), rs.getLong("payouts"), PayoutLedger.yen(rs.getBigDecimal("transferred_yen")),
                PayoutLedger.yen(rs.getBigDecimal("expired_yen")),
                rs.getString("bank_file"));
    }

    /** @param bankFile null until the run has written it */
    public record Entry(LocalDate businessDate, String status, long execution, long attempts, Instant started,
                        Instant ended, long workers, long payouts, BigInteger transferredYen, BigInteger expiredYen,
                        String bankFile) {
    }
}

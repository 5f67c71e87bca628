package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The returns recorded so far: per payout run, for status; and the flags in force, for support. */
@Repository
public class ReturnsHistory {

    private final JdbcTemplate jdbc;

    public ReturnsHistory(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Returns recorded against a run: how many payouts came back, and the yen they had transferred. */
    public record RunReturns(long returns, long returnedYen) {
        public static final RunReturns NONE = new RunReturns(0, 0);
    }

    /** A worker whose bank account is still one a transfer came back from. */
    public record FlaggedWorker(long workerId, LocalDate returnedOn, ReturnReason reason, long returnedYen,
                                long creditedYen, long unpaidYen) {
    }

    public Map<LocalDate, RunReturns> byRun(Collection<LocalDate> businessDates) {
        Map<LocalDate, RunReturns> byRun = new HashMap<>();
        jdbc.query("""
                select r.business_date, count(*), sum(p.amount_yen)
                from payout_return x
                join payout p on p.id = x.payout_id
                join payout_run r on r.id = p.run_id
                where r.business_date = any(cast(? as date[]))
                group by r.business_date""",
                rs -> {
                    byRun.put(rs.getObject(1, LocalDate.class), new RunReturns(rs.getLong(2), rs.getLong(3)));
                },
                (Object) businessDates.stream().map(LocalDate::toString).toArray(String[]::new));
        return byRun;
    }

    /** One entry per return whose account the worker still has, by worker; the paying step carries these forward. */
    public List<FlaggedWorker> flaggedWorkers() {
        return jdbc.query("""
                select f.worker_id, n.returned_on, x.reason_code, p.amount_yen, c.amount_yen as credited_yen,
                       (select coalesce(sum(u.amount_yen), 0) from reward u
                        where u.worker_id = f.worker_id and u.status = 'UNPAID') as unpaid_yen
                from returned_account_in_use f
                join payout_return x on x.id = f.return_id
                join return_notice n on n.id = x.notice_id
                join payout p on p.id = x.payout_id
                join reward c on c.return_id = x.id
                order by f.worker_id, n.returned_on, x.id""",
                (rs, row) -> new FlaggedWorker(rs.getLong(1), rs.getObject(2, LocalDate.class),
                        ReturnReason.ofCode(rs.getInt(3)).orElseThrow(), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
    }
}

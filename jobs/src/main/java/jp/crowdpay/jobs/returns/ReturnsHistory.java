package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.bankfile.account.RawBankAccount;
import jp.crowdpay.jobs.payout.rules.ReturnedAccounts;
import jp.crowdpay.jobs.returns.notice.ReturnReason;
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

    /**
     * One entry per return whose account the worker still has, as the bank sees it, by worker:
     * the workers the paying step carries forward.
     */
    public List<FlaggedWorker> flaggedWorkers() {
        List<FlaggedWorker> flagged = new ArrayList<>();
        jdbc.query("""
                select f.worker_id, n.returned_on, x.reason_code, p.amount_yen, c.amount_yen as credited_yen,
                       (select coalesce(sum(u.amount_yen), 0) from reward u
                        where u.worker_id = f.worker_id and u.status = 'UNPAID') as unpaid_yen,
                       f.bank_code, f.branch_code, f.account_type, f.account_number, f.payee_name,
                       b.bank_code as stored_bank_code, b.branch_code as stored_branch_code,
                       b.account_type as stored_account_type, b.account_number as stored_account_number,
                       b.payee_name as stored_payee_name
                from returned_account f
                join bank_account b on b.worker_id = f.worker_id
                join payout_return x on x.id = f.return_id
                join return_notice n on n.id = x.notice_id
                join payout p on p.id = x.payout_id
                join reward c on c.return_id = x.id
                order by f.worker_id, n.returned_on, x.id""",
                rs -> {
                    RawBankAccount flag = new RawBankAccount(rs.getString("bank_code"), rs.getString("branch_code"),
                            rs.getInt("account_type"), rs.getString("account_number"), rs.getString("payee_name"));
                    RawBankAccount stored = new RawBankAccount(rs.getString("stored_bank_code"),
                            rs.getString("stored_branch_code"), rs.getObject("stored_account_type", Integer.class),
                            rs.getString("stored_account_number"), rs.getString("stored_payee_name"));
                    if (ReturnedAccounts.isFlagged(stored, List.of(flag))) {
                        flagged.add(new FlaggedWorker(rs.getLong("worker_id"), rs.getObject("returned_on", LocalDate.class),
                                ReturnReason.ofCode(rs.getInt("reason_code")).orElseThrow(), rs.getLong("amount_yen"),
                                rs.getLong("credited_yen"), rs.getLong("unpaid_yen")));
                    }
                });
        return flagged;
    }
}

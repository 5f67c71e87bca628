package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.AccountType;
import jp.crowdpay.jobs.bankfile.BankAccount;
import jp.crowdpay.jobs.bankfile.RawBankAccount;
import jp.crowdpay.jobs.payout.PayoutProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the import: what a notice line may match, and the return, credit and flag it records. Runs in the caller's transaction. */
@Repository
public class ReturnsLedger {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public ReturnsLedger(JdbcTemplate jdbc, PayoutProperties settings) {
        this.jdbc = jdbc;
        this.zone = settings.zone();
    }

    /** An earlier import of the same notice. */
    public record PastImport(String file, LocalDate returnedOn, OffsetDateTime importedAt, long returns) {
    }

    /** Imports wait for each other until commit, so that each sees every return recorded before it. */
    public void lockImports() {
        jdbc.execute("lock table return_notice in share row exclusive mode");
    }

    public Optional<PastImport> findImport(String sha256) {
        return jdbc.query("""
                select n.file, n.returned_on, n.imported_at, (select count(*) from payout_return x where x.notice_id = n.id)
                from return_notice n where n.sha256 = ?""",
                (rs, row) -> new PastImport(rs.getString(1), rs.getObject(2, LocalDate.class),
                        rs.getObject(3, OffsetDateTime.class), rs.getLong(4)),
                sha256).stream().findFirst();
    }

    public Optional<ReturnMatching.RunOfFile> runOfFile(String bankFile) {
        return jdbc.query("select business_date, completed_at is not null from payout_run where bank_file = ?",
                (rs, row) -> new ReturnMatching.RunOfFile(rs.getObject(1, LocalDate.class), rs.getBoolean(2)),
                bankFile).stream().findFirst();
    }

    public List<ReturnedPayout> payouts(String bankFile, long workerId) {
        return jdbc.query("""
                select p.id, p.worker_id, r.business_date, p.gross_yen, p.fee_yen, p.amount_yen,
                       p.bank_code, p.branch_code, p.account_type, p.account_number, p.payee_name,
                       case when x.id is not null
                            then 'line ' || x.line_number || ' of ' || n.file || ', imported ' || (n.imported_at at time zone ?)::date
                       end as earlier_return
                from payout_run r
                join payout p on p.run_id = r.id
                left join payout_return x on x.payout_id = p.id
                left join return_notice n on n.id = x.notice_id
                where r.bank_file = ? and p.worker_id = ?""",
                (rs, row) -> new ReturnedPayout(rs.getLong("id"), rs.getLong("worker_id"),
                        rs.getObject("business_date", LocalDate.class), rs.getLong("gross_yen"), rs.getLong("fee_yen"),
                        rs.getLong("amount_yen"),
                        new BankAccount(rs.getString("bank_code"), rs.getString("branch_code"),
                                AccountType.ofCode(rs.getInt("account_type")).orElseThrow(),
                                rs.getString("account_number"), rs.getString("payee_name")),
                        rs.getString("earlier_return")),
                zone.getId(), bankFile, workerId);
    }

    /** The worker's bank account as the platform stores it now. */
    public Optional<RawBankAccount> storedAccount(long workerId) {
        return jdbc.query("""
                select bank_code, branch_code, account_type, account_number, payee_name
                from bank_account where worker_id = ?""",
                (rs, row) -> new RawBankAccount(rs.getString(1), rs.getString(2), rs.getObject(3, Integer.class),
                        rs.getString(4), rs.getString(5)),
                workerId).stream().findFirst();
    }

    public long recordNotice(String sha256, String file, String layout, LocalDate returnedOn, boolean refundFee,
                             String importedBy) {
        return jdbc.queryForObject("""
                insert into return_notice (sha256, file, layout, returned_on, refund_fee, imported_by)
                values (?, ?, ?, ?, ?, ?) returning id""",
                Long.class, sha256, file, layout, returnedOn, refundFee, importedBy);
    }

    /** The return of one payout, the worker's credit and the flag on the account the money came back from. */
    public void recordReturn(long noticeId, NoticeLine line, ReturnedPayout payout, long creditYen, LocalDate returnedOn,
                             RawBankAccount flagged) {
        long returnId = jdbc.queryForObject("""
                insert into payout_return (notice_id, line_number, payout_id, reason_code, reason_text)
                values (?, ?, ?, ?, ?) returning id""",
                Long.class, noticeId, line.lineNumber(), payout.payoutId(), line.reason().code(), line.reasonText());
        jdbc.update("insert into reward (worker_id, amount_yen, confirmed_on, return_id) values (?, ?, ?, ?)",
                payout.workerId(), creditYen, returnedOn, returnId);
        jdbc.update("""
                insert into returned_account (return_id, worker_id, bank_code, branch_code, account_type, account_number, payee_name)
                values (?, ?, ?, ?, ?, ?, ?)""",
                returnId, payout.workerId(), flagged.bankCode(), flagged.branchCode(), flagged.accountType(),
                flagged.accountNumber(), flagged.payeeName());
    }

    /** What the notice's import recorded, read back: the figures of its conservation proof. */
    public ReturnConservation conservation(long noticeId, int lines, boolean refundFee) {
        return jdbc.queryForObject("""
                select count(*), count(c.id), count(f.return_id), coalesce(sum(c.amount_yen), 0),
                       coalesce(sum(case when n.refund_fee then p.gross_yen else p.amount_yen end), 0)
                from payout_return x
                join return_notice n on n.id = x.notice_id
                join payout p on p.id = x.payout_id
                left join reward c on c.return_id = x.id
                left join returned_account f on f.return_id = x.id
                where x.notice_id = ?""",
                (rs, row) -> new ReturnConservation(lines, rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
                        rs.getLong(5), refundFee),
                noticeId);
    }
}

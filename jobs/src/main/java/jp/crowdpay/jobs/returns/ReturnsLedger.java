package jp.crowdpay.jobs.returns;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.returns.notice.NoticeLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** SQL of the import: what a notice line may match, and the return, credit and flag it records. Runs in the caller's transaction. */
@Repository
public class ReturnsLedger {

    private final JdbcTemplate jdbc;
    private final ZoneId zone;

    public ReturnsLedger(JdbcTemplate jdbc, PayoutProperties payoutSettings) {
        this.jdbc = jdbc;
        this.zone = payoutSettings.zone();
    }

    /** An earlier import of the same notice; the day it was imported as the business counts days (payout.zone). */
    public record PastImport(String file, LocalDate returnedOn, LocalDate importedOn, long returns) {
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
                        rs.getObject(3, OffsetDateTime.class).atZoneSameInstant(zone).toLocalDate(), rs.getLong(4)),
                sha256).stream().findFirst();
    }

    public Optional<ReturnMatching.RunOfFile> runOfFile(String bankFile) {
        return jdbc.query("select business_date, completed_at is not null from payout_run where bank_file = ?",
                (rs, row) -> new ReturnMatching.RunOfFile(rs.getObject(1, LocalDate.class), rs.getBoolean(2)),
                bankFile).stream().findFirst();
    }

    /** The payouts of the run that wrote the bank file to the worker. */
    public List<ReturnedPayout> payoutsInFile(String bankFile, long workerId) {
        return jdbc.query(PAYOUTS + " where r.bank_file = ? and p.worker_id = ? order by r.business_date",
                this::payout, bankFile, workerId);
    }

    /** The payouts to the worker of the runs of these business dates, both included. */
    public List<ReturnedPayout> payoutsOfRuns(long workerId, ReturnMatching.Runs runs) {
        return jdbc.query(PAYOUTS + " where p.worker_id = ? and r.business_date between ? and ? order by r.business_date",
                this::payout, workerId, runs.from(), runs.to());
    }

    private static final String PAYOUTS = """
            select p.id, p.worker_id, r.business_date, r.bank_file, r.completed_at is not null as run_completed,
                   p.gross_yen, p.fee_yen, p.amount_yen,
                   p.bank_code, p.branch_code, p.account_type, p.account_number, p.payee_name,
                   x.line_number as earlier_line, n.file as earlier_file, n.imported_at as earlier_imported_at
            from payout_run r
            join payout p on p.run_id = r.id
            left join payout_return x on x.payout_id = p.id
            left join return_notice n on n.id = x.notice_id""";

    private ReturnedPayout payout(ResultSet rs, int row) throws SQLException {
        OffsetDateTime earlier = rs.getObject("earlier_imported_at", OffsetDateTime.class);
        // the day of the import as the business counts days, not as the database session does
        String earlierReturn = earlier == null ? null : "line " + rs.getInt("earlier_line") + " of "
                + rs.getString("earlier_file") + ", imported " + earlier.atZoneSameInstant(zone).toLocalDate();
        return new ReturnedPayout(rs.getLong("id"), rs.getLong("worker_id"), rs.getObject("business_date", LocalDate.class),
                rs.getString("bank_file"), rs.getBoolean("run_completed"), rs.getLong("gross_yen"), rs.getLong("fee_yen"),
                rs.getLong("amount_yen"),
                new BankAccount(rs.getString("bank_code"), rs.getString("branch_code"),
                        AccountType.ofCode(rs.getInt("account_type")).orElseThrow(),
                        rs.getString("account_number"), rs.getString("payee_name")),
                earlierReturn);
    }

    public long recordNotice(String sha256, String file, String layout, LocalDate returnedOn, boolean refundFee,
                             String importedBy) {
        return jdbc.queryForObject("""
                insert into return_notice (sha256, file, layout, returned_on, refund_fee, imported_by)
                values (?, ?, ?, ?, ?, ?) returning id""",
                Long.class, sha256, file, layout, returnedOn, refundFee, importedBy);
    }

    /**
     * The return of one payout, the worker's credit and the flag on the account the money came
     * back from: the account as the bank file carried it (the payout compares accounts as the bank
     * sees them, so the platform's own spelling of it needs no flag of its own).
     */
    public void recordReturn(long noticeId, NoticeLine line, ReturnedPayout payout, long creditYen, LocalDate returnedOn) {
        long returnId = jdbc.queryForObject("""
                insert into payout_return (notice_id, line_number, payout_id, reason_code, reason_text)
                values (?, ?, ?, ?, ?) returning id""",
                Long.class, noticeId, line.lineNumber(), payout.payoutId(), line.reason().code(), line.reasonText());
        jdbc.update("insert into reward (worker_id, amount_yen, confirmed_on, return_id) values (?, ?, ?, ?)",
                payout.workerId(), creditYen, returnedOn, returnId);
        jdbc.update("""
                insert into returned_account (return_id, worker_id, bank_code, branch_code, account_type, account_number, payee_name)
                values (?, ?, ?, ?, ?, ?, ?)""",
                returnId, payout.workerId(), payout.paidTo().bankCode(), payout.paidTo().branchCode(),
                payout.paidTo().accountType().code(), payout.paidTo().accountNumber(), payout.paidTo().payeeName());
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

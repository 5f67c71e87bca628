package jp.crowdpay.jobs.returns;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.springframework.jdbc.core.JdbcTemplate;

/** Return notices as the bank's portal exports them, and the ledger with its returns as a comparable text. */
final class ReturnsFixture {

    static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

    private final JdbcTemplate jdbc;

    ReturnsFixture(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A notice in the default layout: the lines as given, each ended by CRLF, in Windows-31J. */
    static Path notice(Path file, String... lines) throws IOException {
        String text = Arrays.stream(lines).map(line -> line + "\r\n").collect(Collectors.joining());
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, text.getBytes(WINDOWS_31J));
        return file;
    }

    /**
     * Every row the payout and the import can change. Ids that come from sequences are left out (a
     * rolled-back import advances them): rewards, returns and flags are named by worker and payout.
     */
    String snapshot() {
        return String.join("\n",
                new LedgerFixture(jdbc).snapshot().lines().skip(1).collect(Collectors.joining("\n")),
                rows("""
                        select r.worker_id || ' ' || r.amount_yen || ' ' || r.confirmed_on || ' ' || r.status
                               || ' paid:' || coalesce(p.run_id || '/' || p.worker_id, '-')
                               || ' expired:' || coalesce(r.expired_by_run_id::text, '-')
                               || ' returns:' || coalesce(rp.run_id || '/' || rp.worker_id, '-')
                        from reward r
                        left join payout p on p.id = r.payout_id
                        left join payout_return x on x.id = r.return_id
                        left join payout rp on rp.id = x.payout_id
                        order by r.worker_id, r.confirmed_on, r.amount_yen, r.status, p.run_id, rp.run_id"""),
                rows("""
                        select p.run_id || '/' || p.worker_id || ' line ' || x.line_number || ' reason ' || x.reason_code
                               || ' ' || x.reason_text || ' on ' || n.returned_on || ' refund_fee ' || n.refund_fee
                               || ' notice ' || n.sha256 || ' flags ' || f.bank_code || '-' || f.branch_code || '-'
                               || f.account_type || '-' || f.account_number || ' ' || f.payee_name
                        from payout_return x
                        join payout p on p.id = x.payout_id
                        join return_notice n on n.id = x.notice_id
                        join returned_account f on f.return_id = x.id
                        order by p.run_id, p.worker_id"""),
                rows("select sha256 || ' ' || returned_on from return_notice order by sha256"));
    }

    private String rows(String sql) {
        return jdbc.queryForList(sql, String.class).toString();
    }
}

package jp.crowdpay.jobs.payout.handover;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.time.LocalDate;
import jp.crowdpay.jobs.bankfile.BankFileManifest;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.runs.RunOutcome;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** For the night the bank lost a file: the same bytes again, from the payouts the run recorded. */
@Component
public class BankFileReissue {

    static final String FOLDER = "reissued";

    private final PayoutLedger ledger;
    private final PayoutBankFile bankFile;
    private final Outbox outbox;
    private final JdbcTemplate jdbc;

    public BankFileReissue(PayoutLedger ledger, PayoutBankFile bankFile, Outbox outbox, JdbcTemplate jdbc) {
        this.ledger = ledger;
        this.bankFile = bankFile;
        this.outbox = outbox;
        this.jdbc = jdbc;
    }

    public RunOutcome reissue(LocalDate businessDate, PrintWriter out, PrintWriter err) {
        PayoutRun run = ledger.find(businessDate).orElse(null);
        if (run == null || !run.completed()) {
            err.println("error: there is no completed payout for " + businessDate + " to reissue; 'status' lists the runs");
            return RunOutcome.REFUSED;
        }
        Outbox reissued = new Outbox(outbox.folder().resolve(FOLDER));
        BankFileManifest manifest;
        try {
            manifest = bankFile.reissue(run, reissued);
        } catch (IOException e) {
            err.println("error: " + e.getMessage());
            return RunOutcome.FAILED;
        }
        jdbc.update("insert into bank_file_reissue (run_id, file, sha256, reissued_by) values (?, ?, ?, ?)",
                run.id(), manifest.file(), manifest.sha256(), System.getProperty("user.name") + "@" + host());
        out.println("Reissued " + reissued.resolve(manifest.file()) + " and its manifest: " + manifest.records()
                + " records, " + manifest.totalYen() + " yen, sha256 " + manifest.sha256() + " (same as the original).");
        return RunOutcome.DONE;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}

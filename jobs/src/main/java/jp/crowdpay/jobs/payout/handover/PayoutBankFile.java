package jp.crowdpay.jobs.payout.handover;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jp.crowdpay.jobs.bankfile.BankFileFormat;
import jp.crowdpay.jobs.bankfile.BankFileManifest;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.bankfile.PayoutLine;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Writes a run's bank file and manifest from its recorded payouts, and only from them: the
 * same run always gives the same bytes, whether written by the run, by the run continued after
 * a crash, or by a reissue.
 */
@Component
public class PayoutBankFile {

    private final JdbcTemplate streaming;
    private final BankFileFormat format;

    public PayoutBankFile(JdbcTemplate jdbc, BankFileFormat format) {
        this.streaming = new JdbcTemplate(jdbc.getDataSource());
        // with a fetch size (and the step's transaction) PostgreSQL streams the payouts
        this.streaming.setFetchSize(1_000);
        this.format = format;
    }

    /** Writes the run's file again; it is published only if it has the original's bytes. */
    public BankFileManifest reissue(PayoutRun run, Outbox outbox) throws IOException {
        String fileName = format.fileName(run.businessDate());
        if (!fileName.equals(run.bankFile())) {
            throw new IOException("the original file is " + run.bankFile() + " but the configured format writes " + fileName
                    + "; configure the format the run used");
        }
        try (Staged staged = stage(run, outbox, run.bankFileSha256())) {
            return staged.publish();
        }
    }

    /**
     * Writes the run's file and its manifest beside their final names, where nobody picks them up,
     * until {@link Staged#publish}: the bank never sees a file without its manifest, whatever fails
     * (a full disk) and wherever the process dies. Run again, it gives the same bytes.
     *
     * @param expectedSha256 the bytes the file must have (a reissue's), or null
     */
    public Staged stage(PayoutRun run, Outbox outbox, String expectedSha256) throws IOException {
        String fileName = format.fileName(run.businessDate());
        LineTotals totals = new LineTotals();
        Outbox.Staged file = outbox.stage(fileName, out -> {
            try (BankFileFormat.LineWriter writer = format.open(out, run.businessDate())) {
                writeLines(run, writer, totals);
            }
        });
        try {
            if (expectedSha256 != null && !expectedSha256.equals(file.sha256())) {
                throw new IOException("refusing to publish " + fileName + ": its content (sha256 " + file.sha256()
                        + ") differs from the original (sha256 " + expectedSha256 + ")");
            }
            BankFileManifest manifest = new BankFileManifest(run.id(), run.businessDate(), format.name(), fileName,
                    totals.records, totals.yen, file.sha256());
            Outbox.Staged manifestFile = outbox.stage(BankFileManifest.fileNameFor(fileName),
                    out -> out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
            return new Staged(outbox, run.id(), manifest, file, manifestFile);
        } catch (IOException | RuntimeException failed) {
            file.close();
            throw failed;
        }
    }

    /** A run's bank file and manifest, complete and synced, not yet in the outbox; closing removes what is left of them. */
    public static final class Staged implements AutoCloseable {
        private final Outbox outbox;
        private final long runId;
        private final BankFileManifest manifest;
        private final Outbox.Staged file;
        private final Outbox.Staged manifestFile;

        private Staged(Outbox outbox, long runId, BankFileManifest manifest, Outbox.Staged file, Outbox.Staged manifestFile) {
            this.outbox = outbox;
            this.runId = runId;
            this.manifest = manifest;
            this.file = file;
            this.manifestFile = manifestFile;
        }

        public long runId() {
            return runId;
        }

        /** Links the manifest, then the file, into the outbox. */
        public BankFileManifest publish() throws IOException {
            outbox.publish(manifestFile, file);
            return manifest;
        }

        @Override
        public void close() throws IOException {
            try (file) {
                manifestFile.close();
            }
        }
    }

    public BankFileFormat.FileTotals readTotals(Path file) throws IOException {
        return format.totals(file);
    }

    private void writeLines(PayoutRun run, BankFileFormat.LineWriter writer, LineTotals totals) {
        streaming.query("""
                select worker_id, bank_code, branch_code, account_type, account_number, payee_name, amount_yen,
                       bank_name_kana, branch_name_kana
                from payout where run_id = ? order by worker_id""",
                rs -> {
                    PayoutLine line = new PayoutLine(rs.getLong("worker_id"),
                            new BankAccount(rs.getString("bank_code"), rs.getString("branch_code"),
                                    AccountType.ofCode(rs.getInt("account_type")).orElseThrow(),
                                    rs.getString("account_number"), rs.getString("payee_name")),
                            rs.getLong("amount_yen"), rs.getString("bank_name_kana"), rs.getString("branch_name_kana"));
                    try {
                        writer.write(line);
                    } catch (IOException e) {
                        throw new BankFileWriteException(e);
                    }
                    totals.records++;
                    totals.yen = totals.yen.add(BigInteger.valueOf(line.amountYen()));
                },
                run.id());
    }

    private static final class LineTotals {
        private long records;
        private BigInteger yen = BigInteger.ZERO;
    }

    static class BankFileWriteException extends RuntimeException {
        BankFileWriteException(IOException cause) {
            super("cannot write the bank file: " + cause.getMessage(), cause);
        }
    }
}

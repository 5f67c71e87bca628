package jp.crowdpay.jobs.close;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.List;
import jp.crowdpay.jobs.bankfile.Outbox;
import org.springframework.stereotype.Component;

/**
 * Writes a closed month's journal into the outbox's journal folder, from the recorded close only,
 * with the bank files' guarantees: complete or absent, owner-only, never overwritten. Written again
 * for the same close it gives the same bytes, so writing it after a crash changes nothing.
 */
@Component
class JournalFiles {

    static final String FOLDER = "journal";

    private final Outbox journals;

    JournalFiles(Outbox outbox) {
        this.journals = new Outbox(outbox.folder().resolve(FOLDER));
    }

    /** A journal in the outbox: its manifest, and the manifest's sha256 that the close records. */
    record Published(JournalManifest manifest, String manifestSha256) {
    }

    /** The manifest is linked first: whoever collects the journal never finds it without its manifest. */
    Published publish(ClosedMonth close) throws IOException {
        YearMonth month = close.figures().month();
        List<JournalEntry> entries = Journal.entries(close);
        YayoiImportFormat.Written yayoi = YayoiImportFormat.write(entries);
        if (!yayoi.debitYen().equals(yayoi.creditYen()) || !yayoi.debitYen().equals(Journal.total(entries))) {
            throw new IllegalStateException("the journal of " + month + " does not balance: debit " + yayoi.debitYen()
                    + " yen, credit " + yayoi.creditYen() + " yen, entries " + Journal.total(entries) + " yen");
        }
        RollForward figures = close.figures();
        try (Outbox.Staged yayoiFile = journals.stage(JournalManifest.yayoiFileNameFor(month), out -> out.write(yayoi.bytes()));
             Outbox.Staged csvFile = journals.stage(JournalManifest.csvFileNameFor(month),
                     out -> out.write(JournalCsv.write(entries)))) {
            JournalManifest manifest = new JournalManifest(month, JournalManifest.yayoiFileNameFor(month), yayoi.lines(),
                    yayoiFile.sha256(), JournalManifest.csvFileNameFor(month), entries.size(), csvFile.sha256(),
                    yayoi.debitYen(), yayoi.creditYen(), figures.opening(), figures.closing(), figures.paid().transferred(),
                    figures.paid().fee(), figures.expired().yen(), figures.recredited().yen().add(figures.lateRecredited().yen()));
            try (Outbox.Staged manifestFile = journals.stage(JournalManifest.fileNameFor(month),
                    out -> out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8)))) {
                journals.publish(manifestFile, yayoiFile, csvFile);
                return new Published(manifest, manifestFile.sha256());
            }
        }
    }

    /** As operators and the accounting team find it: relative to the outbox. */
    static String outboxPath(String fileName) {
        return FOLDER + "/" + fileName;
    }
}

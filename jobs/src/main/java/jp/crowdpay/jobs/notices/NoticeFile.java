package jp.crowdpay.jobs.notices;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.List;
import jp.crowdpay.jobs.bankfile.Outbox;
import org.springframework.stereotype.Component;

/**
 * Writes a night's notice file and manifest into the outbox's notices folder from the recorded
 * notices only, with the bank files' guarantees: complete or absent, owner-only, never
 * overwritten. Written again for the same night, it gives the same bytes, so publishing it again
 * after a crash, or a second time, changes nothing.
 */
@Component
class NoticeFile {

    static final String FOLDER = "notices";
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final Outbox notices;

    NoticeFile(Outbox outbox) {
        this.notices = new Outbox(outbox.folder().resolve(FOLDER));
    }

    static String fileName(NoticeLedger.Batch batch) {
        return "expiry-" + DAY.format(batch.businessDate()) + ".jsonl";
    }

    /** The manifest is linked first: a mailer never picks up a notice file without its manifest. */
    NoticeManifest publish(NoticeLedger.Batch batch, List<ExpiryNotice> lines) throws IOException {
        String fileName = fileName(batch);
        try (Outbox.Staged file = notices.stage(fileName, out -> {
            for (ExpiryNotice notice : lines) {
                out.write(notice.jsonLine().getBytes(StandardCharsets.UTF_8));
            }
        })) {
            BigInteger yen = lines.stream().map(ExpiryNotice::yenAtRisk).reduce(BigInteger.ZERO, BigInteger::add);
            NoticeManifest manifest = new NoticeManifest(batch.businessDate(), fileName, lines.size(), yen,
                    file.sha256());
            try (Outbox.Staged manifestFile = notices.stage(NoticeManifest.fileNameFor(fileName),
                    out -> out.write(manifest.toJson().getBytes(StandardCharsets.UTF_8)))) {
                notices.publish(manifestFile, file);
            }
            return manifest;
        }
    }

    /** As operators and the mailer find it: relative to the outbox. */
    static String outboxPath(String fileName) {
        return FOLDER + "/" + fileName;
    }
}

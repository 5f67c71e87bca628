package jp.crowdpay.jobs.returns;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import jp.crowdpay.jobs.payout.PayoutProperties;
import jp.crowdpay.jobs.runs.FieldLine;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.RunMetrics;
import jp.crowdpay.jobs.runs.RunOutcome;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a return notice in one transaction: every line matched to exactly one payout, or
 * nothing applied at all; the same notice twice is recorded once. Each return credits the
 * worker with a new reward confirmed on the return date, so the deadline, expiry and scope rules
 * of the payout apply to it unchanged, and flags the account the money came back from.
 */
@Component
public class ReturnImporter {

    private static final Logger log = LoggerFactory.getLogger(ReturnImporter.class);
    /** How its log lines and metrics name the import (it is not a Spring Batch job). */
    static final String JOB_NAME = "importReturns";

    private final ReturnsLedger ledger;
    private final TransactionTemplate transaction;
    private final ReturnsProperties settings;
    private final PayoutProperties payoutSettings;
    private final ReturnNoticeLayout layout;
    private final RunMetrics metrics;
    private final ReturnsMetrics returnsMetrics;

    public ReturnImporter(ReturnsLedger ledger, TransactionTemplate transaction, ReturnsProperties settings,
                          PayoutProperties payoutSettings, RunMetrics metrics, ReturnsMetrics returnsMetrics) {
        this.ledger = ledger;
        this.transaction = transaction;
        this.settings = settings;
        this.payoutSettings = payoutSettings;
        this.metrics = metrics;
        this.returnsMetrics = returnsMetrics;
        // loaded when the program starts: a bad layout stops it before anything is touched
        try {
            this.layout = ReturnLayoutFile.load(settings.layouts(), settings.layout());
        } catch (IllegalArgumentException badLayout) {
            throw new InvalidSettingException("payout.returns.layout", badLayout.getMessage());
        }
    }

    private sealed interface Outcome {
    }

    private record AlreadyImported(ReturnsLedger.PastImport earlier) implements Outcome {
    }

    private record Refused(List<RefusedLine> lines) implements Outcome {
    }

    private record Imported(ImportSummary summary) implements Outcome {
    }

    /** @param requestedDate the day the money came back; null for today in payout.zone */
    public RunOutcome importNotice(Path file, LocalDate requestedDate, PrintWriter out, PrintWriter err) {
        return metrics.observe(ReturnsMetrics.PREFIX, JOB_NAME, err, reported -> importFile(file, requestedDate, out, reported));
    }

    private RunOutcome importFile(Path file, LocalDate requestedDate, PrintWriter out, PrintWriter err) {
        LocalDate today = LocalDate.now(payoutSettings.zone());
        LocalDate returnDate = requestedDate != null ? requestedDate : today;
        if (returnDate.isAfter(today)) {
            err.println("error: --date " + returnDate + " is after today (" + today + " in " + payoutSettings.zone()
                    + "); nothing was applied");
            return RunOutcome.REFUSED;
        }
        byte[] notice;
        try {
            notice = Files.readAllBytes(file);
        } catch (IOException unreadable) {
            err.println("error: cannot read the return notice " + file + " (" + unreadable.getClass().getSimpleName()
                    + "); nothing was applied");
            return RunOutcome.REFUSED;
        }
        String sha256 = sha256(notice);
        ReturnNoticeParser.Parsed parsed = new ReturnNoticeParser(layout).parse(notice);
        Outcome outcome;
        try {
            outcome = transaction.execute(status -> apply(file, sha256, parsed, returnDate));
        } catch (RuntimeException failed) {
            log.error("importReturns failed: file={} sha256={}", file.getFileName(), sha256, failed);
            err.println("error: the import of " + file + " failed: " + RunFailures.describe(failed)
                    + "; nothing was applied; run the same command again");
            return RunOutcome.FAILED;
        }
        return report(file, sha256, outcome, today, out, err);
    }

    private Outcome apply(Path file, String sha256, ReturnNoticeParser.Parsed parsed, LocalDate returnDate) {
        ledger.lockImports();
        var earlier = ledger.findImport(sha256);
        if (earlier.isPresent()) {
            return new AlreadyImported(earlier.get());
        }
        if (parsed.lines().isEmpty() && parsed.problems().isEmpty()) {
            return new Refused(List.of());
        }
        ReturnMatching matching = new ReturnMatching(returnDate);
        for (NoticeLine line : parsed.lines()) {
            matching.match(line, ledger.runOfFile(line.bankFile()), ledger.payouts(line.bankFile(), line.workerId()));
        }
        List<RefusedLine> refused = Stream.concat(parsed.problems().stream(), matching.refused().stream())
                .sorted(Comparator.comparingInt(RefusedLine::lineNumber)).toList();
        if (!refused.isEmpty()) {
            return new Refused(refused);
        }
        boolean refundFee = settings.refundFee();
        long noticeId = ledger.recordNotice(sha256, file.toAbsolutePath().normalize().toString(), layout.name(),
                returnDate, refundFee, System.getProperty("user.name") + "@" + host());
        for (ReturnMatching.Matched match : matching.matched()) {
            ReturnedPayout payout = match.payout();
            ledger.recordReturn(noticeId, match.line(), payout, payout.creditYen(refundFee), returnDate,
                    FlaggedAccount.of(payout.paidTo(), ledger.storedAccount(payout.workerId())));
        }
        ReturnConservation conservation = ledger.conservation(noticeId, matching.matched().size(), refundFee);
        conservation.verify();
        return new Imported(new ImportSummary(file.getFileName().toString(), sha256, returnDate, matching.matched(),
                conservation, payoutSettings.rewardDeadline().deadlineOf(returnDate)));
    }

    private RunOutcome report(Path file, String sha256, Outcome outcome, LocalDate today, PrintWriter out,
                              PrintWriter err) {
        if (outcome instanceof AlreadyImported already) {
            var earlier = already.earlier();
            out.println("The return notice " + file + " was imported already (" + earlier.importedAt().atZoneSameInstant(payoutSettings.zone()).toLocalDate()
                    + ", return date " + earlier.returnedOn() + ", " + earlier.returns() + " returns; sha256 " + sha256
                    + "); nothing changed.");
            returnsMetrics.nothingNew();
            return RunOutcome.DONE;
        }
        if (outcome instanceof Refused refused) {
            List<RefusedLine> lines = refused.lines();
            log.warn("importReturns refused: file={} sha256={} bad_lines={}", file.getFileName(), sha256, lines.size());
            if (lines.isEmpty()) {
                err.println("error: the return notice " + file + " lists no returned transfers; nothing was applied");
            } else {
                err.println("error: the return notice " + file + " is refused, nothing was applied: " + lines.size()
                        + (lines.size() == 1 ? " line is" : " lines are") + " wrong");
                lines.forEach(line -> err.println("  " + line));
            }
            return RunOutcome.REFUSED;
        }
        ImportSummary summary = ((Imported) outcome).summary();
        summary.lines().forEach(out::println);
        if (summary.creditDeadline().isBefore(today)) {
            err.println("warning: the credits' withdrawal deadline, " + summary.creditDeadline()
                    + ", has passed: the next payout expires them");
        }
        FieldLine.info(log, ImportSummary.SUBJECT, summary.fields());
        returnsMetrics.imported(summary);
        return RunOutcome.DONE;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "unknown host";
        }
    }
}

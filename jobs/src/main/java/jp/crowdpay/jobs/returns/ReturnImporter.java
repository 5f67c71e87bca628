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
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.returns.notice.NoticeLine;
import jp.crowdpay.jobs.returns.notice.RefusedLine;
import jp.crowdpay.jobs.returns.notice.ReturnLayoutFile;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeParser;
import jp.crowdpay.jobs.runs.FieldLine;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.RunMetrics;
import jp.crowdpay.jobs.runs.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Imports a return notice in one transaction: every line matched to exactly one payout, or
 * nothing applied at all; the same notice twice is recorded once. Each return credits the
 * worker with a new reward confirmed on the return date, so the deadline, expiry and scope rules
 * of the payout apply to it unchanged, and flags the account the money came back from. A dry run
 * reads and matches the same way in a read-only transaction and prints what the import would
 * credit.
 */
@Component
public class ReturnImporter {

    private static final Logger log = LoggerFactory.getLogger(ReturnImporter.class);
    /** How its log lines and metrics name the import (it is not a Spring Batch job). */
    static final String JOB_NAME = "importReturns";

    private final ReturnsLedger ledger;
    private final TransactionTemplate transaction;
    private final TransactionTemplate readOnly;
    private final ReturnsProperties settings;
    private final PayoutProperties payoutSettings;
    private final RunMetrics metrics;
    private final ReturnsMetrics returnsMetrics;

    public ReturnImporter(ReturnsLedger ledger, TransactionTemplate transaction, ReturnsProperties settings,
                          PayoutProperties payoutSettings, RunMetrics metrics, ReturnsMetrics returnsMetrics) {
        this.ledger = ledger;
        this.transaction = transaction;
        this.readOnly = new TransactionTemplate(transaction.getTransactionManager());
        this.readOnly.setReadOnly(true);
        this.settings = settings;
        this.payoutSettings = payoutSettings;
        this.metrics = metrics;
        this.returnsMetrics = returnsMetrics;
    }

    /** The notice as read from its file and parsed in the configured layout, for an import or a dry run. */
    private record Notice(Path file, String sha256, LocalDate returnDate, LocalDate today, ReturnNoticeLayout layout,
                          ReturnNoticeParser.Parsed parsed, boolean dryRun) {
    }

    private sealed interface Outcome {
    }

    private record AlreadyImported(ReturnsLedger.PastImport earlier) implements Outcome {
    }

    private record Refused(List<RefusedLine> lines) implements Outcome {
    }

    private record Imported(ImportSummary summary) implements Outcome {
    }

    private record WouldImport(ImportPreview preview) implements Outcome {
    }

    /** @param requestedDate the day the money came back; null for today in payout.zone */
    public RunOutcome importNotice(Path file, LocalDate requestedDate, PrintWriter out, PrintWriter err) {
        return metrics.observe(ReturnsMetrics.PREFIX, JOB_NAME, err, reported -> read(file, requestedDate, false, reported)
                .map(notice -> run(notice, transaction, () -> apply(notice), out, reported))
                .orElse(RunOutcome.REFUSED));
    }

    /**
     * Reads and matches the notice as an import would, in a read-only transaction, and prints
     * what it would record. Writes nothing, records no metric: it is the operator's look before
     * the import, not a run.
     */
    public RunOutcome dryRun(Path file, LocalDate requestedDate, PrintWriter out, PrintWriter err) {
        return read(file, requestedDate, true, err)
                .map(notice -> run(notice, readOnly, () -> preview(notice), out, err))
                .orElse(RunOutcome.REFUSED);
    }

    private Optional<Notice> read(Path file, LocalDate requestedDate, boolean dryRun, PrintWriter err) {
        LocalDate today = LocalDate.now(payoutSettings.zone());
        LocalDate returnDate = requestedDate != null ? requestedDate : today;
        ReturnNoticeLayout layout;
        try {
            // read here, not with the program: a typo in a file that only imports read must not stop the payout
            layout = ReturnLayoutFile.load(settings.layouts(), settings.layout());
        } catch (IllegalArgumentException badLayout) {
            err.println("error: invalid setting: payout.returns.layout: " + badLayout.getMessage() + "; nothing was applied");
            return Optional.empty();
        }
        if (returnDate.isAfter(today)) {
            err.println("error: --date " + returnDate + " is after today (" + today + " in " + payoutSettings.zone()
                    + "); nothing was applied");
            return Optional.empty();
        }
        byte[] notice;
        try {
            notice = Files.readAllBytes(file);
        } catch (IOException unreadable) {
            err.println("error: cannot read the return notice " + file + " (" + unreadable.getClass().getSimpleName()
                    + "); nothing was applied");
            return Optional.empty();
        }
        return Optional.of(new Notice(file, sha256(notice), returnDate, today, layout,
                new ReturnNoticeParser(layout).parse(notice), dryRun));
    }

    private RunOutcome run(Notice notice, TransactionTemplate template, Supplier<Outcome> work,
                           PrintWriter out, PrintWriter err) {
        Outcome outcome;
        try {
            outcome = template.execute(status -> work.get());
        } catch (RuntimeException failed) {
            log.error("importReturns failed: file={} sha256={}", notice.file().getFileName(), notice.sha256(), failed);
            err.println("error: the import of " + notice.file() + " failed: " + RunFailures.describe(failed)
                    + "; nothing was applied; run the same command again");
            return RunOutcome.FAILED;
        }
        return report(notice, outcome, out, err);
    }

    /**
     * A notice imported before, or one with lines that cannot be applied, ends here; otherwise
     * {@code whenMatched} gets every line matched to its payout.
     */
    private Outcome againstTheLedger(Notice notice, Function<ReturnMatching, Outcome> whenMatched) {
        var earlier = ledger.findImport(notice.sha256());
        if (earlier.isPresent()) {
            return new AlreadyImported(earlier.get());
        }
        ReturnMatching matching = match(notice);
        Optional<Refused> refused = refusal(notice, matching);
        return refused.isPresent() ? refused.get() : whenMatched.apply(matching);
    }

    private Outcome apply(Notice notice) {
        ledger.lockImports();
        return againstTheLedger(notice, matching -> record(notice, matching));
    }

    private Outcome record(Notice notice, ReturnMatching matching) {
        boolean refundFee = settings.refundFee();
        long noticeId = ledger.recordNotice(notice.sha256(), notice.file().toAbsolutePath().normalize().toString(),
                notice.layout().name(), notice.returnDate(), refundFee, System.getProperty("user.name") + "@" + host());
        List<ReturnMatching.Matched> matched = matching.matched();
        for (ReturnMatching.Matched match : matched) {
            ReturnedPayout payout = match.payout();
            ledger.recordReturn(noticeId, match.line(), payout, payout.creditYen(refundFee), notice.returnDate());
        }
        ReturnConservation conservation = ledger.conservation(noticeId, matched.size(), refundFee);
        conservation.verify();
        return new Imported(new ImportSummary(notice.file().getFileName().toString(), notice.sha256(), notice.returnDate(),
                matched, conservation, payoutSettings.rewardDeadline().deadlineOf(notice.returnDate())));
    }

    private Outcome preview(Notice notice) {
        return againstTheLedger(notice, matching -> new WouldImport(new ImportPreview(notice.file().getFileName().toString(),
                notice.sha256(), notice.layout(), notice.returnDate(), matching.matched(), settings.refundFee(),
                payoutSettings.rewardDeadline().deadlineOf(notice.returnDate()))));
    }

    /** Every line that cannot be applied, of form or of matching; empty when the notice can be. */
    private static Optional<Refused> refusal(Notice notice, ReturnMatching matching) {
        ReturnNoticeParser.Parsed parsed = notice.parsed();
        if (parsed.lines().isEmpty() && parsed.problems().isEmpty()) {
            return Optional.of(new Refused(List.of()));
        }
        List<RefusedLine> refused = Stream.concat(parsed.problems().stream(), matching.refused().stream())
                .sorted(Comparator.comparingInt(RefusedLine::lineNumber)).toList();
        return refused.isEmpty() ? Optional.empty() : Optional.of(new Refused(refused));
    }

    private ReturnMatching match(Notice notice) {
        ReturnMatching matching = new ReturnMatching(notice.returnDate(), notice.layout().transferDateWindowDays());
        for (NoticeLine line : notice.parsed().lines()) {
            if (line.bankFile() != null) {
                matching.match(line, ledger.runOfFile(line.bankFile()), ledger.payoutsInFile(line.bankFile(), line.workerId()));
            } else {
                matching.match(line, Optional.empty(), ledger.payoutsOfRuns(line.workerId(), matching.runsFor(line)));
            }
        }
        return matching;
    }

    private RunOutcome report(Notice notice, Outcome outcome, PrintWriter out, PrintWriter err) {
        Path file = notice.file();
        if (outcome instanceof AlreadyImported already) {
            var earlier = already.earlier();
            out.println("The return notice " + file + " was imported already (" + earlier.importedOn()
                    + ", return date " + earlier.returnedOn() + ", " + earlier.returns() + " returns; sha256 "
                    + notice.sha256() + "); " + (notice.dryRun() ? "importing it again would change nothing."
                    : "nothing changed."));
            if (!notice.dryRun()) {
                returnsMetrics.nothingNew();
            }
            return RunOutcome.DONE;
        }
        if (outcome instanceof Refused refused) {
            List<RefusedLine> lines = refused.lines();
            log.warn("importReturns {}refused: file={} sha256={} bad_lines={}", notice.dryRun() ? "dry run " : "",
                    file.getFileName(), notice.sha256(), lines.size());
            String refusedWhole = notice.dryRun() ? "would be refused" : "is refused, nothing was applied";
            if (lines.isEmpty()) {
                err.println("error: the return notice " + file + " lists no returned transfers; "
                        + (notice.dryRun() ? "an import would refuse it" : "nothing was applied"));
            } else {
                String unit = notice.layout().shape().unit();
                long wrong = lines.stream().filter(line -> line.lineNumber() > 0).map(RefusedLine::lineNumber).distinct().count();
                err.println("error: the return notice " + file + " " + refusedWhole + (wrong == 0 ? ""
                        : ": " + wrong + " " + unit + (wrong == 1 ? " is" : "s are") + " wrong"));
                lines.forEach(line -> err.println("  " + line.describe(unit)));
            }
            return RunOutcome.REFUSED;
        }
        if (outcome instanceof WouldImport would) {
            would.preview().lines().forEach(out::println);
            FieldLine.info(log, ImportPreview.SUBJECT, would.preview().fields());
            return RunOutcome.DONE;
        }
        ImportSummary summary = ((Imported) outcome).summary();
        summary.lines().forEach(out::println);
        if (summary.creditDeadline().isBefore(notice.today())) {
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

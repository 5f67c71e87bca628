package jp.crowdpay.jobs.close;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.close.ClosedMonth.JournalAccounts;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.runs.ExclusiveJobLauncher;
import jp.crowdpay.jobs.runs.FieldLine;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.RunMetrics;
import jp.crowdpay.jobs.runs.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code close-month}: a calendar month's liability to the workers rolled forward, proved against
 * the ledger's own figures, recorded once in one repeatable-read transaction (one consistent
 * picture of the ledger, whose snapshot is recorded as the close's books), then the journal written
 * from the recorded rows alone. A crash before the commit leaves nothing, after it the same command
 * writes the same journal; a month closed already is only printed again.
 */
@Component
public class MonthEndClose {

    /** The run lease's name (one close at a time), its log lines' subject. */
    public static final String JOB_NAME = "monthEndClose";
    /** Its metrics: close_month_failed, close_month_last_success_timestamp_seconds, ... */
    public static final String METRICS_PREFIX = "close.month";

    private static final Logger log = LoggerFactory.getLogger(MonthEndClose.class);
    /** SQLSTATE 55P03: the lock was not granted within lock_timeout. */
    private static final String LOCK_NOT_AVAILABLE = "55P03";

    private final CloseLedger ledger;
    private final JournalFiles journal;
    private final ExclusiveJobLauncher launcher;
    private final TransactionTemplate repeatableRead;
    private final PayoutProperties payoutSettings;
    private final JournalAccounts accounts;
    private final RunMetrics metrics;

    public MonthEndClose(CloseLedger ledger, JournalFiles journal, ExclusiveJobLauncher launcher,
                         PlatformTransactionManager transactions, PayoutProperties payoutSettings, CloseProperties settings,
                         RunMetrics metrics) {
        this.ledger = ledger;
        this.journal = journal;
        this.launcher = launcher;
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.payoutSettings = payoutSettings;
        // checked when the program starts (CloseProperties): a bad name stops it before anything is touched
        this.accounts = JournalAccounts.of(settings);
        this.metrics = metrics;
    }

    private sealed interface Recording {
    }

    private record Refused(List<String> why) implements Recording {
    }

    private record Recorded() implements Recording {
    }

    /** @param missedNights dates of the month without a night that the operator confirms were missed for good */
    public RunOutcome closeMonth(YearMonth month, List<DateRange> missedNights, PrintWriter out, PrintWriter err) {
        return metrics.observe(METRICS_PREFIX, JOB_NAME, err, reported -> launcher.exclusively(JOB_NAME, reported::println,
                () -> closeExclusively(month, DateRange.datesOf(missedNights), out, reported)));
    }

    private RunOutcome closeExclusively(YearMonth month, SortedSet<LocalDate> missedNights, PrintWriter out, PrintWriter err) {
        Optional<ClosedMonth> earlier = ledger.find(month);
        if (earlier.isEmpty()) {
            Recording recording;
            try {
                recording = repeatableRead.execute(status -> {
                    Recording outcome = record(month, missedNights);
                    if (outcome instanceof Refused) {
                        status.setRollbackOnly();
                    }
                    return outcome;
                });
            } catch (RuntimeException failed) {
                log.error("monthEndClose failed to record the close of {}", month, failed);
                err.println("error: the close of " + month + " failed: " + whyNotRecorded(failed)
                        + "; nothing was recorded; run the same command again");
                return RunOutcome.FAILED;
            }
            if (recording instanceof Refused refused) {
                err.println("error: " + month + " cannot close: " + String.join("; ", refused.why()) + "; nothing was written");
                return RunOutcome.REFUSED;
            }
        } else {
            out.println(month + " was closed already (" + CloseSummary.when(earlier.get(), payoutSettings.zone()) + "); its figures as recorded:");
        }
        ClosedMonth close = ledger.find(month).orElseThrow();
        if (close.journalManifest() == null) {
            try {
                JournalFiles.Published published = journal.publish(close);
                ledger.recordJournal(close, JournalFiles.outboxPath(JournalManifest.fileNameFor(month)),
                        published.manifestSha256());
                close = ledger.find(month).orElseThrow();
            } catch (IOException | RuntimeException failed) {
                log.error("monthEndClose failed to write the journal of {}", month, failed);
                err.println("error: the journal of " + month + " could not be written: " + RunFailures.describe(failed)
                        + "; the close is recorded: run the same command again to write it");
                return RunOutcome.FAILED;
            }
        }
        CloseSummary summary = new CloseSummary(close, payoutSettings.zone());
        summary.lines().forEach(out::println);
        FieldLine.info(log, JOB_NAME + " summary:", summary.fields());
        return RunOutcome.DONE;
    }

    private Recording record(YearMonth month, SortedSet<LocalDate> confirmedMissed) {
        ledger.waitForChangesInFlight();
        Optional<YearMonth> latestClosed = ledger.latestClosed();
        if (latestClosed.isPresent() && latestClosed.get().isAfter(month)) {
            return new Refused(List.of(latestClosed.get() + " is closed, and the months before it are in its opening:"
                    + " they cannot close afterwards"));
        }
        if (latestClosed.isPresent() && latestClosed.get().isBefore(month.minusMonths(1))) {
            return new Refused(List.of("close " + latestClosed.get().plusMonths(1) + " first: months close in order,"
                    + " each opening with the closing of the one before"));
        }
        LocalDate first = month.atDay(1);
        LocalDate last = month.atEndOfMonth();
        List<CloseLedger.Night> nights = ledger.nights(first, last);
        NightsOfTheMonth.Verdict verdict = NightsOfTheMonth.judge(month, LocalDate.now(payoutSettings.zone()),
                payoutSettings.zone(), nights.stream().collect(Collectors.toMap(CloseLedger.Night::date,
                        CloseLedger.Night::completed)), ledger.firstCompletedAfter(last), confirmedMissed);
        if (!verdict.problems().isEmpty()) {
            return new Refused(verdict.problems());
        }
        Optional<CloseLedger.Night> lastNight = ledger.lastCompletedNight(last);
        if (lastNight.isEmpty()) {
            return new Refused(List.of("no night has completed on or before " + last + ": the closing is proved against the"
                    + " last night's records"));
        }
        Optional<ClosedMonth> previous = latestClosed.flatMap(ledger::find);
        CloseLedger.RewardFigures rewards = ledger.rewardFigures(month,
                latestClosed.flatMap(ledger::booksSnapshot), lastNight.get());
        Map<LocalDate, CloseLedger.Night> nightsByDate = nights.stream()
                .collect(Collectors.toMap(CloseLedger.Night::date, Function.identity()));
        List<Day> days = new ArrayList<>();
        List<CloseProof.NightCheck> checks = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            CloseLedger.Night night = nightsByDate.get(date);
            Day.Paid paid = night == null ? Day.Paid.NONE : night.paid();
            days.add(new Day(date, night == null ? null : night.runId(), rewards.tally("CONFIRMED", date),
                    rewards.tally("RECREDITED", date), rewards.feeRefund("RECREDITED", date), paid,
                    rewards.tally("EXPIRED", date)));
            if (night != null) {
                checks.add(new CloseProof.NightCheck(date, paid.rewardsAtGross(), rewards.tally("PAID", date),
                        night.expiredRecorded(), rewards.tally("EXPIRED", date)));
            }
        }
        Tally openingFromHistory = rewards.tally("OPENING", null);
        RollForward figures = new RollForward(month,
                previous.map(closed -> closed.figures().closing()).orElse(openingFromHistory),
                rewards.tally("LATE_CONFIRMED", null), rewards.tally("LATE_RECREDITED", null),
                rewards.feeRefund("LATE_RECREDITED", null), days);
        CloseProof proof = new CloseProof(figures, previous.map(closed -> closed.figures().closing()), openingFromHistory,
                lastNight.get().date(), lastNight.get().unpaidAfter(), rewards.tally("ARRIVED", null),
                rewards.tally("CLOSING", null), checks);
        List<String> violations = proof.violations();
        if (!violations.isEmpty()) {
            return new Refused(violations);
        }
        ledger.record(new ClosedMonth(figures, previous.isPresent(), lastNight.get().date(), proof.nightUnpaid(),
                proof.arrivedAfter(), List.copyOf(verdict.missed()), accounts, null, closedBy(), null, null),
                lastNight.get().runId());
        return new Recorded();
    }

    /** A change that holds the guard too long is someone's open transaction: says where to find it. */
    private static String whyNotRecorded(Throwable failed) {
        for (Throwable cause = failed; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && LOCK_NOT_AVAILABLE.equals(sql.getSQLState())) {
                return "another session's unfinished change to settled rewards or payouts kept the close waiting for "
                        + CloseLedger.LOCK_TIMEOUT + " (its transaction holds month_close_guard: find it with select pid,"
                        + " state, xact_start from pg_locks join pg_stat_activity using (pid) where relation ="
                        + " 'month_close_guard'::regclass)";
            }
        }
        return RunFailures.describe(failed);
    }

    private static String closedBy() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (IOException unknown) {
            host = "unknown host";
        }
        return System.getProperty("user.name") + "@" + host;
    }
}

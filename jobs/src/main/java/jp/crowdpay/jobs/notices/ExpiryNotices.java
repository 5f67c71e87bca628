package jp.crowdpay.jobs.notices;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.locks.WorkerLogins;
import jp.crowdpay.jobs.payout.AfterPayout;
import jp.crowdpay.jobs.payout.rules.PayoutOutcome;
import jp.crowdpay.jobs.payout.rules.RewardDeadline;
import jp.crowdpay.jobs.payout.rules.WithdrawalMethod;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.runs.ExclusiveJobLauncher;
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
 * The expiry notices of a business date, after its payout. The night's notices and support
 * listing are decided and recorded in one transaction (a repeatable read of the ledger, so one
 * consistent picture); the file is then written from the recorded rows alone. A crash before the
 * commit leaves nothing, after it the same command writes the same file; a night recorded already
 * is only published again, which changes nothing. They run on their own ({@code notify-expiring})
 * or right after each night a {@code payout} command completes ({@code payout.notices.after-payout}).
 */
@Component
public class ExpiryNotices implements AfterPayout {

    /** The run lease's name: one notice run at a time. */
    public static final String JOB_NAME = "expiryNotices";

    private static final Logger log = LoggerFactory.getLogger(ExpiryNotices.class);

    private final NoticeLedger ledger;
    private final PayoutLedger payouts;
    private final WorkerLogins logins;
    private final NoticeFile file;
    private final ExclusiveJobLauncher launcher;
    private final TransactionTemplate repeatableRead;
    private final PayoutProperties payoutSettings;
    private final NoticeThresholds thresholds;
    private final boolean afterPayout;
    private final RunMetrics metrics;
    private final ExpiryNoticesMetrics noticeMetrics;

    public ExpiryNotices(NoticeLedger ledger, PayoutLedger payouts, WorkerLogins logins, NoticeFile file,
                         ExclusiveJobLauncher launcher, PlatformTransactionManager transactions,
                         PayoutProperties payoutSettings, NoticeProperties settings, RunMetrics metrics,
                         ExpiryNoticesMetrics noticeMetrics) {
        this.ledger = ledger;
        this.payouts = payouts;
        this.logins = logins;
        this.file = file;
        this.launcher = launcher;
        this.repeatableRead = new TransactionTemplate(transactions);
        this.repeatableRead.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        this.payoutSettings = payoutSettings;
        // checked when the program starts: a bad list stops it before anything is touched
        this.thresholds = settings.thresholds(payoutSettings.deadlineDays());
        this.afterPayout = settings.afterPayout();
        this.metrics = metrics;
        this.noticeMetrics = noticeMetrics;
    }

    private sealed interface Recording {
    }

    private record Refused(String why) implements Recording {
    }

    private record Recorded(NoticeLedger.Batch batch, boolean earlier) implements Recording {
    }

    /** @param requestedDate null for today in payout.zone */
    public RunOutcome notifyExpiring(LocalDate requestedDate, PrintWriter out, PrintWriter err) {
        return metrics.observe(ExpiryNoticesMetrics.PREFIX, JOB_NAME, err, reported -> notifyDate(requestedDate, out, reported));
    }

    private RunOutcome notifyDate(LocalDate requestedDate, PrintWriter out, PrintWriter err) {
        LocalDate today = LocalDate.now(payoutSettings.zone());
        LocalDate businessDate = requestedDate != null ? requestedDate : today;
        if (businessDate.isAfter(today)) {
            err.println("error: --date " + businessDate + " is after today (" + today + " in " + payoutSettings.zone()
                    + "); nothing was written");
            return RunOutcome.REFUSED;
        }
        return launcher.exclusively(JOB_NAME, err::println, () -> notifyExclusively(businessDate, out, err));
    }

    /**
     * The notices of a night a payout command has just completed (or found completed), when
     * {@code payout.notices.after-payout} is on. A night that a later payout or notice run has
     * passed already gets none (that night's notices caught up with it): not a failure.
     */
    @Override
    public RunOutcome completed(LocalDate businessDate, PrintWriter out, PrintWriter err) {
        if (!afterPayout) {
            return RunOutcome.DONE;
        }
        Optional<LocalDate> later = ledger.latestBatchAfter(businessDate).or(() -> ledger.latestPayoutAfter(businessDate));
        if (later.isPresent()) {
            out.println("No expiry notices are written for " + businessDate + ": the night of " + later.get()
                    + " came after it, and its notices cover it.");
            return RunOutcome.DONE;
        }
        return metrics.observe(ExpiryNoticesMetrics.PREFIX, JOB_NAME, err,
                reported -> launcher.exclusively(JOB_NAME, reported::println,
                        () -> notifyExclusively(businessDate, out, reported)));
    }

    private RunOutcome notifyExclusively(LocalDate businessDate, PrintWriter out, PrintWriter err) {
        Recording recording;
        try {
            recording = repeatableRead.execute(status -> record(businessDate));
        } catch (RuntimeException failed) {
            log.error("expiryNotices failed to record the notices of {}", businessDate, failed);
            err.println("error: the notices of " + businessDate + " failed: " + RunFailures.describe(failed)
                    + "; nothing was recorded or written; run the same command again");
            return RunOutcome.FAILED;
        }
        if (recording instanceof Refused refused) {
            err.println("error: " + refused.why() + "; nothing was written");
            return RunOutcome.REFUSED;
        }
        NoticeLedger.Batch batch = ((Recorded) recording).batch();
        List<ExpiryNotice> notices = ledger.notices(batch.id());
        NoticeManifest manifest;
        try {
            manifest = file.publish(batch, notices);
            ledger.recordFile(batch, manifest.file(), manifest.sha256());
        } catch (IOException | RuntimeException failed) {
            log.error("expiryNotices failed to write the notice file of {}", businessDate, failed);
            err.println("error: the notice file of " + businessDate + " could not be written: "
                    + RunFailures.describe(failed) + "; the notices are recorded: run the same command again to write it");
            return RunOutcome.FAILED;
        }
        if (((Recorded) recording).earlier()) {
            out.println("The notices of " + businessDate + " were recorded already; nothing new was written.");
        }
        NoticeSummary summary = new NoticeSummary(businessDate, NoticeThresholds.of(batch.thresholds()), notices,
                ledger.supportListing(batch.id()), manifest.file(), manifest.sha256());
        summary.lines().forEach(out::println);
        log.info(summary.oneLine());
        noticeMetrics.written(summary, payoutSettings.zone());
        return RunOutcome.DONE;
    }

    private Recording record(LocalDate businessDate) {
        Optional<NoticeLedger.Batch> earlier = ledger.batch(businessDate);
        if (earlier.isPresent()) {
            return new Recorded(earlier.get(), true);
        }
        Optional<PayoutRun> night = payouts.find(businessDate);
        Optional<PayoutRun> run = night.filter(PayoutRun::completed);
        if (run.isEmpty()) {
            return new Refused(night.isPresent() ? "the payout of " + businessDate + " has not completed; the notices"
                    + " describe what the night decided: finish it first (payout --date " + businessDate + "), then run them"
                    : noPayoutRan(businessDate));
        }
        Optional<LocalDate> laterNotices = ledger.latestBatchAfter(businessDate);
        if (laterNotices.isPresent()) {
            return new Refused("the notices of " + laterNotices.get() + " are recorded already and caught up with the"
                    + " nights before; " + businessDate + " is not sent afterwards");
        }
        Optional<LocalDate> laterPayout = ledger.latestPayoutAfter(businessDate);
        if (laterPayout.isPresent()) {
            return new Refused("the payout of " + laterPayout.get() + " has run since " + businessDate
                    + ": its notices (notify-expiring --date " + laterPayout.get() + ") catch up with this night");
        }
        int deadlineDays = payoutSettings.deadlineDays();
        long batchId = ledger.openBatch(businessDate, run.get().id(), thresholds.ascending(), deadlineDays);
        decide(batchId, businessDate, run.get().id(), new RewardDeadline(deadlineDays));
        return new Recorded(ledger.batch(businessDate).orElseThrow(), false);
    }

    /**
     * What works for a night without a payout run: its payout, then its notices, while no later
     * night has run; once one has, the night is past (its payout is refused) and the later
     * night's notices catch up with it.
     */
    private String noPayoutRan(LocalDate businessDate) {
        Optional<LocalDate> laterNotices = ledger.latestBatchAfter(businessDate);
        Optional<LocalDate> laterPayout = ledger.latestPayoutAfter(businessDate);
        String never = "no payout ran for " + businessDate;
        if (laterNotices.isPresent()) {
            return never + ", and the notices of " + laterNotices.get() + " are recorded already and caught up with it:"
                    + " nothing is left to send for " + businessDate;
        }
        if (laterPayout.isEmpty()) {
            return never + " yet; the notices describe what the night decided: run it first (payout --date "
                    + businessDate + "), then them";
        }
        LocalDate later = laterPayout.get();
        boolean laterCompleted = payouts.find(later).map(PayoutRun::completed).orElse(false);
        return never + ", and the payout of " + later + " has run since, so " + businessDate + " needs none: "
                + (laterCompleted ? "" : "finish the payout of " + later + " (payout --date " + later + "), then ")
                + "the notices of " + later + " (notify-expiring --date " + later + ") catch up with it";
    }

    private void decide(long batchId, LocalDate businessDate, long runId, RewardDeadline deadline) {
        LocalDate payableFrom = deadline.expiredIfConfirmedBefore(businessDate);
        List<NoticeLedger.Candidate> candidates = ledger.candidates(businessDate, runId, payableFrom,
                payableFrom.plusDays(thresholds.largest()));
        Map<Long, WorkerLogins.Lockout> locked = logins.lockedOut(
                candidates.stream().map(NoticeLedger.Candidate::workerId).toList(), Instant.now());
        List<NoticeLedger.NewNotice> notices = new ArrayList<>();
        List<SupportCase> support = new ArrayList<>();
        for (NoticeLedger.Candidate candidate : candidates) {
            LocalDate earliestDeadline = deadline.deadlineOf(candidate.earliestConfirmed());
            int daysLeft = (int) (earliestDeadline.toEpochDay() - businessDate.toEpochDay());
            int threshold = thresholds.reached(daysLeft).orElseThrow();
            WorkerLogins.Lockout lockout = locked.get(candidate.workerId());
            notices.add(new NoticeLedger.NewNotice(new ExpiryNotice(candidate.workerId(), businessDate, earliestDeadline,
                    daysLeft, threshold, null, reason(candidate), lockout != null),
                    payableFrom, payableFrom.plusDays(threshold)));
            if (threshold == thresholds.smallest() && lockout != null && lockout.supportLock().isPresent()) {
                support.add(new SupportCase(candidate.workerId(), earliestDeadline, daysLeft, null, lockout.lockReason(),
                        lockout.supportLock().get().name()));
            }
        }
        ledger.recordNotices(batchId, notices);
        ledger.listForSupport(batchId, support, payableFrom, payableFrom.plusDays(thresholds.smallest()));
    }

    /**
     * The payout records the carry-forward reason of the workers it could not pay; those it only
     * counted were below their withdrawal method's threshold, or never paid by their method.
     */
    static String reason(NoticeLedger.Candidate candidate) {
        if (candidate.recordedReason() != null) {
            return candidate.recordedReason();
        }
        return WithdrawalMethod.CARRY_OVER.name().equals(candidate.withdrawalMethod())
                ? PayoutOutcome.CARRY_OVER_METHOD.name() : PayoutOutcome.BELOW_THRESHOLD.name();
    }
}

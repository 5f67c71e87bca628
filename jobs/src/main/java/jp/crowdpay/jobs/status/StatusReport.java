package jp.crowdpay.jobs.status;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.close.ClosedMonthHistory;
import jp.crowdpay.jobs.close.MonthEndClose;
import jp.crowdpay.jobs.locks.LockReleaseHistory;
import jp.crowdpay.jobs.locks.LockReleaseJobParameters;
import jp.crowdpay.jobs.notices.ExpiryNoticeHistory;
import jp.crowdpay.jobs.notices.ExpiryNotices;
import jp.crowdpay.jobs.payout.run.PayoutJobParameters;
import jp.crowdpay.jobs.payout.run.PayoutRunHistory;
import jp.crowdpay.jobs.payout.run.PayoutState;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.returns.ReturnsHistory;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.SingleRunGuard;
import org.springframework.stereotype.Component;

/** What operators read first when something looks wrong: the recent runs of both jobs, and who runs now. */
@Component
public class StatusReport {

    private final PayoutRunHistory payouts;
    private final ReturnsHistory returns;
    private final LockReleaseHistory lockReleases;
    private final ExpiryNoticeHistory notices;
    private final ClosedMonthHistory closes;
    private final SingleRunGuard guard;
    private final PayoutProperties settings;
    private final PayoutState payoutState;

    public StatusReport(PayoutRunHistory payouts, ReturnsHistory returns, LockReleaseHistory lockReleases,
                        ExpiryNoticeHistory notices, ClosedMonthHistory closes, SingleRunGuard guard,
                        PayoutProperties settings, PayoutState payoutState) {
        this.payouts = payouts;
        this.returns = returns;
        this.lockReleases = lockReleases;
        this.notices = notices;
        this.closes = closes;
        this.guard = guard;
        this.settings = settings;
        this.payoutState = payoutState;
    }

    /** @param date only the runs of this business date (payouts) or day in payout.zone (lock release); null for all */
    public void print(LocalDate date, int last, PrintWriter out) {
        String payoutJob = PayoutJobParameters.JOB_NAME;
        out.println(payoutJob + inProgress(payoutJob));
        out.println(String.format("  %-10s  %-9s  %9s  %8s  %-26s  %8s  %9s  %9s  %15s  %12s  %7s  %12s  %s",
                "date", "state", "execution", "attempts", "started", "duration", "workers", "payouts",
                "transferred_yen", "expired_yen", "returns", "returned_yen", "file"));
        List<PayoutRunHistory.Entry> runs = payouts.recent(date, last);
        Map<LocalDate, ReturnsHistory.RunReturns> returned = returns.byRun(runs.stream()
                .map(PayoutRunHistory.Entry::businessDate).toList());
        List<String> payoutRows = runs.stream().map(run -> {
            ReturnsHistory.RunReturns back = returned.getOrDefault(run.businessDate(), ReturnsHistory.RunReturns.NONE);
            return String.format("  %-10s  %-9s  %9d  %8d  %-26s  %8s  %,9d  %,9d  %,15d  %,12d  %,7d  %,12d  %s",
                    run.businessDate(), run.status(), run.execution(), run.attempts(), started(run.started()),
                    duration(run.started(), run.ended()), run.workers(), run.payouts(), run.transferredYen(),
                    run.expiredYen(), back.returns(), back.returnedYen(), run.bankFile() == null ? "-" : run.bankFile());
        }).toList();
        printRows(payoutRows, out, payoutJob);
        out.println();
        String lockJob = LockReleaseJobParameters.JOB_NAME;
        out.println(lockJob + inProgress(lockJob));
        out.println(String.format("  %-27s  %-9s  %9s  %-26s  %8s  %7s  %8s  %13s  %13s  %10s  %7s",
                "as of", "state", "execution", "started", "duration", "scanned", "released", "not_yet_stale",
                "needs_support", "staff_left", "changed"));
        List<String> releaseRows = lockReleases.recent(date, settings.zone(), last).stream().map(run -> String.format(
                "  %-27s  %-9s  %9d  %-26s  %8s  %7d  %8d  %13d  %13d  %10d  %7d",
                run.asOf() + (run.dryRun() ? " dry" : ""), run.status(), run.execution(), started(run.started()),
                duration(run.started(), run.ended()), run.scanned(), run.released(), run.notYetStale(),
                run.needsSupport(), run.staffLocksLeft(), run.changedWhileRunning())).toList();
        printRows(releaseRows, out, lockJob);
        out.println();
        printNotices(date, last, out);
        out.println();
        out.println(MonthEndClose.JOB_NAME + ": " + closes.lastClosed());
        out.flush();
    }

    /** Per payout night: its notices, and the yen it let expire with how much of it had been warned about. */
    private void printNotices(LocalDate date, int last, PrintWriter out) {
        out.println(ExpiryNotices.JOB_NAME + inProgress(ExpiryNotices.JOB_NAME));
        out.println(String.format("  %-10s  %9s  %13s  %12s  %15s  %s",
                "date", "notices", "yen_at_risk", "expired_yen", "expired_warned", "file"));
        List<String> rows = notices.recent(date, last).stream().map(night -> String.format(
                "  %-10s  %9s  %,13d  %,12d  %,15d  %s", night.businessDate(),
                night.notices() == null ? "-" : String.format("%,d", night.notices()), night.yenAtRisk(),
                night.expiredYen(), night.warnedYen(), night.file() == null ? "-" : "notices/" + night.file())).toList();
        if (rows.isEmpty()) {
            out.println("  (no runs)");
        }
        rows.forEach(out::println);
    }

    /**
     * Checks the schedule's health; prints one line (to {@code out} when healthy, else to
     * {@code err}) and says whether it is. Pushes what the ledger and the outbox hold, as a payout does.
     */
    public boolean check(HealthCheck check, PrintWriter out, PrintWriter err) {
        Optional<HealthCheck.LatestRun> latest = payouts.recent(null, 1).stream()
                .map(run -> new HealthCheck.LatestRun(run.businessDate(), run.status())).findFirst();
        Optional<HealthCheck.CompletedNight> night = notices.latestCompletedNight().map(completed ->
                new HealthCheck.CompletedNight(completed.businessDate(), completed.completed(), completed.noticesWritten()));
        HealthCheck.Seen seen = new HealthCheck.Seen(latest, guard.isHeld(PayoutJobParameters.JOB_NAME),
                payouts.lastCompleted(), lockReleases.lastCompleted(), night, outbox(), Instant.now(), settings.zone());
        Optional<String> problems = check.problems(seen);
        if (problems.isPresent()) {
            err.println("check failed: " + problems.get());
        } else {
            out.println(check.summary(seen));
        }
        out.flush();
        err.flush();
        return problems.isEmpty();
    }

    private HealthCheck.Outbox outbox() {
        try {
            PayoutState.Waiting waiting = payoutState.bankFiles();
            payoutState.push(Optional.of(waiting));
            return new HealthCheck.Outbox(waiting.oldest().map(file -> new HealthCheck.WaitingFile(file.name(),
                    file.written())), Optional.empty());
        } catch (IOException unreadable) {
            payoutState.push(Optional.empty());
            return new HealthCheck.Outbox(Optional.empty(), Optional.of(RunFailures.describe(unreadable)));
        }
    }

    private String inProgress(String jobName) {
        return guard.isHeld(jobName) ? "  (a run is in progress now)" : "";
    }

    private void printRows(List<String> rows, PrintWriter out, String jobName) {
        if (rows.isEmpty()) {
            out.println("  (no runs)");
        }
        rows.forEach(out::println);
        boolean looksRunning = rows.stream().anyMatch(row -> row.contains(" STARTED ") || row.contains(" STOPPING "));
        if (looksRunning && !guard.isHeld(jobName)) {
            out.println("  note: no process runs " + jobName + " now, so a STARTED run above was left by a process that died;"
                    + " running the same command again recovers and continues it.");
        }
    }

    private String started(Instant start) {
        return start == null ? "-" : ShownTime.of(start, settings.zone());
    }

    private static String duration(Instant start, Instant end) {
        if (start == null || end == null) {
            return "-";
        }
        Duration took = Duration.between(start, end);
        return String.format("%02d:%02d:%02d", took.toHours(), took.toMinutesPart(), took.toSecondsPart());
    }
}

package jp.crowdpay.jobs.payout;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import jp.crowdpay.jobs.bankmaster.BankMaster;
import jp.crowdpay.jobs.payout.paying.PayingStepConfiguration;
import jp.crowdpay.jobs.payout.run.PayoutJobParameters;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutSummary;
import jp.crowdpay.jobs.payout.settings.PayingStepShape;
import jp.crowdpay.jobs.payout.settings.PayoutPreflight;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.runs.ExclusiveJobLauncher;
import jp.crowdpay.jobs.runs.FieldLine;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.RunMetrics;
import jp.crowdpay.jobs.runs.RunOutcome;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts, or continues, the nightly payout of a business date and tells cron how it went. The
 * job instance is keyed by the date: a completed date is never run again, and launching a
 * failed date makes Spring Batch restart it from its first unfinished step. An earlier date left
 * unfinished (a killed night) is completed first, each date with its own bank file, so that the
 * nightly schedule goes on without an operator. After each date it completed, what follows the
 * night ({@link AfterPayout}: the expiry notices) runs before the next date.
 */
@Component
public class PayoutLauncher {

    private static final Logger log = LoggerFactory.getLogger(PayoutLauncher.class);
    private static final String CARRIED_FORWARD = PayoutJobParameters.JOB_NAME + " carried forward:";

    private final ExclusiveJobLauncher launcher;
    private final JobRepository jobRepository;
    private final Job nightlyPayoutJob;
    private final PayoutLedger ledger;
    private final JdbcTemplate jdbc;
    private final PayoutProperties settings;
    private final PayoutPreflight preflight;
    private final RunMetrics metrics;
    private final PayoutMetrics payoutMetrics;
    private final List<AfterPayout> afterPayout;

    public PayoutLauncher(ExclusiveJobLauncher launcher, JobRepository jobRepository, Job nightlyPayoutJob,
                          PayoutLedger ledger, JdbcTemplate jdbc, PayoutProperties settings, PayoutPreflight preflight,
                          RunMetrics metrics, PayoutMetrics payoutMetrics, List<AfterPayout> afterPayout) {
        this.launcher = launcher;
        this.jobRepository = jobRepository;
        this.nightlyPayoutJob = nightlyPayoutJob;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.settings = settings;
        this.preflight = preflight;
        this.metrics = metrics;
        this.payoutMetrics = payoutMetrics;
        this.afterPayout = afterPayout;
    }

    /**
     * @param requestedDate null for today in the configured zone
     * @param catchUp       complete an earlier unfinished date first (what cron needs after a
     *                      killed night); false: run the requested date only, refused while an
     *                      earlier one is unfinished
     */
    public RunOutcome launch(LocalDate requestedDate, boolean catchUp, PrintWriter out, PrintWriter err) {
        return metrics.observe(PayoutMetrics.PREFIX, PayoutJobParameters.JOB_NAME, err, reported -> {
            if (requestedDate != null) {
                // a date between a completed night and a later unfinished one is no run that failed:
                // it is refused before anything runs, so that the unfinished night stays what to act on
                Optional<String> betweenNights = ledger.refusalBeforeUnfinished(requestedDate);
                if (betweenNights.isPresent()) {
                    reported.println("error: " + betweenNights.get() + "; nothing was touched");
                    return RunOutcome.REFUSED;
                }
            }
            RunOutcome outcome = launchDates(requestedDate, catchUp, out, reported);
            payoutMetrics.stateNow();
            return outcome;
        });
    }

    private RunOutcome launchDates(LocalDate requestedDate, boolean catchUp, PrintWriter out, PrintWriter err) {
        LocalDate today = LocalDate.now(settings.zone());
        LocalDate businessDate = requestedDate != null ? requestedDate : today;
        if (businessDate.isAfter(today)) {
            // a future date would expire rewards that are still payable today
            err.println("error: --date " + businessDate + " is after today (" + today + " in " + settings.zone()
                    + "); nothing was touched");
            return RunOutcome.REFUSED;
        }
        // one master from the run's start to its end: import-banks is refused meanwhile
        return launcher.exclusively(PayoutJobParameters.JOB_NAME, BankMaster.RESOURCE, err::println,
                () -> launchExclusively(businessDate, catchUp, out, err));
    }

    private RunOutcome launchExclusively(LocalDate businessDate, boolean catchUp, PrintWriter out, PrintWriter err) {
        Optional<LocalDate> unfinished = catchUp ? ledger.unfinishedBefore(businessDate) : Optional.empty();
        List<LocalDate> dates = unfinished.map(earlier -> List.of(earlier, businessDate)).orElse(List.of(businessDate));
        try {
            preflight.check(dates);
        } catch (InvalidSettingException badSetting) {
            err.println("error: invalid setting: " + badSetting.getMessage() + "; nothing was touched");
            return RunOutcome.REFUSED;
        }
        if (unfinished.isEmpty()) {
            return followedUp(businessDate, launchDate(businessDate, "nothing was touched", out, err), out, err);
        }
        LocalDate earlier = unfinished.get();
        out.println("The payout of " + earlier + " has not completed: continuing it before " + businessDate + ".");
        RunOutcome first = followedUp(earlier, launchDate(earlier, "nothing was touched", out, err), out, err);
        if (first != RunOutcome.DONE && first != RunOutcome.FOLLOW_UP_FAILED) {
            // standard error has the one line about the earlier date, which is the cause
            out.println("The payout for " + businessDate + " did not start: the payout of " + earlier
                    + " has to complete first; the same command continues both.");
            return first;
        }
        RunOutcome requested = followedUp(businessDate, launchDate(businessDate,
                "the payout of " + earlier + " completed, nothing else was touched", out, err), out, err);
        boolean ran = requested == RunOutcome.DONE || requested == RunOutcome.FOLLOW_UP_FAILED;
        out.println("Continued the unfinished run of " + earlier + (ran
                ? ", then ran " + businessDate + "." : "; the run of " + businessDate + " did not complete."));
        return requested == RunOutcome.DONE ? first : requested;
    }

    /**
     * Once a date's night has completed, what follows it in this command (its expiry notices);
     * FOLLOW_UP_FAILED when that did not complete. The next date is paid all the same: the money
     * comes first, and the same command completes what did not.
     */
    private RunOutcome followedUp(LocalDate businessDate, RunOutcome night, PrintWriter out, PrintWriter err) {
        if (night != RunOutcome.DONE) {
            return night;
        }
        boolean done = true;
        for (AfterPayout next : afterPayout) {
            done &= next.completed(businessDate, out, err) == RunOutcome.DONE;
        }
        return done ? RunOutcome.DONE : RunOutcome.FOLLOW_UP_FAILED;
    }

    /** @param untouched what a refusal of this date may truthfully say was left alone */
    private RunOutcome launchDate(LocalDate businessDate, String untouched, PrintWriter out, PrintWriter err) {
        JobParameters parameters = new PayoutJobParameters(businessDate).toJobParameters();
        JobExecution last = jobRepository.getLastJobExecution(PayoutJobParameters.JOB_NAME, parameters);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            out.println("The payout for " + businessDate + " already completed (execution " + last.getId()
                    + "); nothing to do.");
            printSummary(businessDate, "COMPLETED", out);
            return RunOutcome.DONE;
        }
        Optional<String> refusal = last == null ? ledger.refusalToRun(businessDate)
                : shapeChange(last).or(() -> ledger.refusalToRun(businessDate));
        if (refusal.isPresent()) {
            err.println("error: " + refusal.get() + "; " + untouched);
            return RunOutcome.REFUSED;
        }
        JobExecution execution;
        try {
            execution = launcher.start(nightlyPayoutJob, parameters);
        } catch (Exception refused) {
            Optional<String> lost = RunFailures.lostConnection(Stream.of(refused));
            if (lost.isPresent()) {
                // the run started, then could not even record its end
                err.println("error: the payout for " + businessDate + " failed: " + lost.get()
                        + "; run the same command again to continue it");
            } else {
                err.println("error: the payout for " + businessDate + " could not start: " + RunFailures.describe(refused));
            }
            return RunOutcome.FAILED;
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            printSummary(businessDate, execution.getStatus().name(), out);
            return RunOutcome.DONE;
        }
        // the run's own failure is the cause: reading its summary may fail for the same reason, later
        err.println("error: the payout for " + businessDate + " ended " + execution.getStatus() + ": "
                + launcher.whyNotCompleted(execution) + "; run the same command again to continue it");
        try {
            printSummary(businessDate, execution.getStatus().name(), out);
        } catch (DataAccessException unreadable) {
            log.warn("the summary of the payout for {} could not be read after the run ended {}", businessDate,
                    execution.getStatus(), unreadable);
        }
        return RunOutcome.FAILED;
    }

    /** Why the failed run cannot continue with the paying step's shape the settings ask for now, if it cannot. */
    private Optional<String> shapeChange(JobExecution last) {
        boolean payingUnfinished = false;
        boolean partitioned = false;
        for (StepExecution step : last.getStepExecutions()) {
            payingUnfinished |= step.getStepName().equals(PayingStepConfiguration.PAY_WORKERS_STEP)
                    && step.getStatus() != BatchStatus.COMPLETED;
            partitioned |= step.getStepName().startsWith(PayingStepConfiguration.PARTITION_STEP + ":");
        }
        return payingUnfinished ? PayingStepShape.of(settings).refusalToContinue(partitioned) : Optional.empty();
    }

    private void printSummary(LocalDate businessDate, String status, PrintWriter out) {
        ledger.find(businessDate).ifPresent(run -> {
            PayoutSummary summary = PayoutSummary.load(jdbc, ledger, run, settings.zone());
            summary.lines().forEach(out::println);
            FieldLine.info(log, PayoutSummary.SUBJECT, summary.fields(status));
            summary.carriedForward().forEach(reason -> FieldLine.info(log, CARRIED_FORWARD, reason));
            payoutMetrics.ran(summary);
        });
    }
}

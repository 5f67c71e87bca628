package jp.crowdpay.jobs.payout;

import java.io.PrintWriter;
import java.time.LocalDate;
import java.util.Optional;
import java.util.stream.Stream;
import jp.crowdpay.jobs.bankmaster.BankMaster;
import jp.crowdpay.jobs.runs.ExclusiveJobLauncher;
import jp.crowdpay.jobs.runs.FieldLine;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.RunMetrics;
import jp.crowdpay.jobs.runs.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Starts, or continues, the nightly payout of a business date and tells cron how it went. The
 * job instance is keyed by the date: a completed date is never run again, and launching a
 * failed date makes Spring Batch restart it from its first unfinished step.
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
    private final RunMetrics metrics;
    private final PayoutMetrics payoutMetrics;

    public PayoutLauncher(ExclusiveJobLauncher launcher, JobRepository jobRepository, Job nightlyPayoutJob,
                          PayoutLedger ledger, JdbcTemplate jdbc, PayoutProperties settings, RunMetrics metrics,
                          PayoutMetrics payoutMetrics) {
        this.launcher = launcher;
        this.jobRepository = jobRepository;
        this.nightlyPayoutJob = nightlyPayoutJob;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.settings = settings;
        this.metrics = metrics;
        this.payoutMetrics = payoutMetrics;
    }

    /** @param requestedDate null for today in the configured zone */
    public RunOutcome launch(LocalDate requestedDate, PrintWriter out, PrintWriter err) {
        return metrics.observe(PayoutMetrics.PREFIX, PayoutJobParameters.JOB_NAME, err,
                reported -> launchDate(requestedDate, out, reported));
    }

    private RunOutcome launchDate(LocalDate requestedDate, PrintWriter out, PrintWriter err) {
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
                () -> launchExclusively(new PayoutJobParameters(businessDate), out, err));
    }

    private RunOutcome launchExclusively(PayoutJobParameters key, PrintWriter out, PrintWriter err) {
        LocalDate businessDate = key.businessDate();
        JobParameters parameters = key.toJobParameters();
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
            err.println("error: " + refusal.get() + "; nothing was touched");
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
                err.println("error: the payout for " + businessDate + " could not start: " + refused.getMessage());
            }
            return RunOutcome.FAILED;
        }
        printSummary(businessDate, execution.getStatus().name(), out);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return RunOutcome.DONE;
        }
        err.println("error: the payout for " + businessDate + " ended " + execution.getStatus() + ": "
                + RunFailures.describe(execution) + "; run the same command again to continue it");
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
            PayoutSummary summary = PayoutSummary.load(jdbc, ledger, run);
            summary.lines().forEach(out::println);
            FieldLine.info(log, PayoutSummary.SUBJECT, summary.fields(status));
            summary.carriedForward().forEach(reason -> FieldLine.info(log, CARRIED_FORWARD, reason));
            payoutMetrics.ran(summary);
        });
    }
}

package jp.crowdpay.jobs.payout;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.ops.ExclusiveJobLauncher;
import jp.crowdpay.jobs.ops.RunFailures;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
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

    private final ExclusiveJobLauncher launcher;
    private final JobRepository jobRepository;
    private final Job nightlyPayoutJob;
    private final PayoutLedger ledger;
    private final JdbcTemplate jdbc;
    private final PayoutProperties settings;

    public PayoutLauncher(ExclusiveJobLauncher launcher, JobRepository jobRepository, Job nightlyPayoutJob,
                          PayoutLedger ledger, JdbcTemplate jdbc, PayoutProperties settings) {
        this.launcher = launcher;
        this.jobRepository = jobRepository;
        this.nightlyPayoutJob = nightlyPayoutJob;
        this.ledger = ledger;
        this.jdbc = jdbc;
        this.settings = settings;
    }

    public int launch(LocalDate requestedDate) {
        return launch(requestedDate, System.out, System.err);
    }

    public int launch(LocalDate requestedDate, PrintStream out, PrintStream err) {
        LocalDate today = LocalDate.now(settings.zone());
        LocalDate businessDate = requestedDate != null ? requestedDate : today;
        if (businessDate.isAfter(today)) {
            // a future date would expire rewards that are still payable today
            err.println("error: --date " + businessDate + " is after today (" + today + " in " + settings.zone()
                    + "); nothing was touched");
            return ExitCodes.USAGE;
        }
        return launcher.exclusively(NightlyPayoutJobConfiguration.JOB_NAME, err::println,
                () -> launchExclusively(businessDate, out, err));
    }

    private int launchExclusively(LocalDate businessDate, PrintStream out, PrintStream err) {
        JobParameters parameters = parametersFor(businessDate);
        JobExecution last = jobRepository.getLastJobExecution(NightlyPayoutJobConfiguration.JOB_NAME, parameters);
        if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
            out.println("The payout for " + businessDate + " already completed (execution " + last.getId()
                    + "); nothing to do.");
            printSummary(businessDate, "COMPLETED", out);
            return ExitCodes.OK;
        }
        Optional<String> refusal = last == null ? ledger.refusalToRun(businessDate)
                : partitioningChange(last).or(() -> ledger.refusalToRun(businessDate));
        if (refusal.isPresent()) {
            err.println("error: " + refusal.get() + "; nothing was touched");
            return ExitCodes.USAGE;
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
            return ExitCodes.FAILED;
        }
        printSummary(businessDate, execution.getStatus().name(), out);
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return ExitCodes.OK;
        }
        err.println("error: the payout for " + businessDate + " ended " + execution.getStatus() + ": "
                + RunFailures.describe(execution) + "; run the same command again to continue it");
        return ExitCodes.FAILED;
    }

    /**
     * A failed run continues with the shape its paying step had: a single step resumes after its
     * last worker, partitions each after their own, and neither knows the other's restart key,
     * so switching between them would count the workers carried forward twice.
     */
    private Optional<String> partitioningChange(JobExecution last) {
        Map<String, Object> paying = jdbc.queryForMap("""
                select bool_or(step_name = ? and status <> 'COMPLETED') as unfinished,
                       bool_or(step_name like ?) as partitioned
                from batch_step_execution where job_execution_id = ?""",
                NightlyPayoutJobConfiguration.PAY_WORKERS_STEP, NightlyPayoutJobConfiguration.PARTITION_STEP + ":%",
                last.getId());
        boolean partitioned = Boolean.TRUE.equals(paying.get("partitioned"));
        if (Boolean.TRUE.equals(paying.get("unfinished")) && partitioned == settings.singleStep()) {
            return Optional.of("the failed run was paying " + (partitioned ? "in partitions" : "in a single step")
                    + ", but payout.partitions is now " + settings.partitions() + " (" + settings.partitioning()
                    + "); continue it with " + (partitioned ? "payout.partitions above 1" : "payout.partitions: 1 and local"));
        }
        return Optional.empty();
    }

    public static JobParameters parametersFor(LocalDate businessDate) {
        return new JobParametersBuilder()
                .addLocalDate(NightlyPayoutJobConfiguration.BUSINESS_DATE, businessDate)
                .toJobParameters();
    }

    private void printSummary(LocalDate businessDate, String status, PrintStream out) {
        ledger.find(businessDate).ifPresent(run -> {
            PayoutSummary summary = PayoutSummary.load(jdbc, ledger, run);
            summary.lines().forEach(out::println);
            log.info(summary.oneLine(status));
        });
    }
}

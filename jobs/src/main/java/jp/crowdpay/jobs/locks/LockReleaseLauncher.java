package jp.crowdpay.jobs.locks;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import jp.crowdpay.jobs.locks.LockDurationPolicy.Decision;
import jp.crowdpay.jobs.runs.ExclusiveJobLauncher;
import jp.crowdpay.jobs.runs.FieldLine;
import jp.crowdpay.jobs.runs.RunMetrics;
import jp.crowdpay.jobs.runs.RunOutcome;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.stereotype.Component;

/**
 * Runs lockReleaseJob for one as-of instant and tells the operator what happened. Accounts
 * appear by id only: no name, mail address or other personal data reaches the output.
 */
@Component
public class LockReleaseLauncher {

    private static final Logger log = LoggerFactory.getLogger(LockReleaseLauncher.class);
    private static final String JOB = LockReleaseJobParameters.JOB_NAME;

    /** The earliest --as-of accepted. */
    static final Instant EARLIEST_AS_OF = Instant.EPOCH;

    private final JobOperator jobOperator;
    private final ExclusiveJobLauncher launcher;
    private final Job lockReleaseJob;
    private final LockReleaseStore store;
    private final LockReleaseProperties properties;
    private final RunMetrics metrics;
    private final LockReleaseMetrics lockMetrics;

    LockReleaseLauncher(JobOperator jobOperator, ExclusiveJobLauncher launcher, @Qualifier("lockReleaseJob") Job lockReleaseJob,
                        LockReleaseStore store, LockReleaseProperties properties, RunMetrics metrics,
                        LockReleaseMetrics lockMetrics) {
        this.jobOperator = jobOperator;
        this.launcher = launcher;
        this.lockReleaseJob = lockReleaseJob;
        this.store = store;
        this.properties = properties;
        this.metrics = metrics;
        this.lockMetrics = lockMetrics;
    }

    /** @param requestedAsOf null for now; a dry run changes nothing and so records no metrics */
    public RunOutcome launch(Instant requestedAsOf, boolean dryRun, PrintWriter out, PrintWriter err) {
        return dryRun ? launchAsOf(requestedAsOf, true, out, err)
                : metrics.observe(LockReleaseMetrics.PREFIX, LockReleaseJobParameters.JOB_NAME, err,
                        reported -> launchAsOf(requestedAsOf, false, out, reported));
    }

    private RunOutcome launchAsOf(Instant requestedAsOf, boolean dryRun, PrintWriter out, PrintWriter err) {
        Instant now = Instant.now();
        // the database keeps microseconds; whole seconds make the default run key readable
        Instant asOf = requestedAsOf == null ? now.truncatedTo(ChronoUnit.SECONDS) : requestedAsOf.truncatedTo(ChronoUnit.MICROS);
        if (asOf.isBefore(EARLIEST_AS_OF)) {
            // the database cannot hold every instant, and no lock was ever stale before 1970
            err.println("error: --as-of " + asOf + " is before " + EARLIEST_AS_OF + "; nothing was touched");
            return RunOutcome.REFUSED;
        }
        if (asOf.isAfter(now.plus(properties.clockSkew()))) {
            // releasing as of the future would release locks early
            err.println("error: --as-of " + asOf + " is in the future (now " + now
                    + ", locks.clock-skew allows " + properties.clockSkew() + "); nothing was touched");
            return RunOutcome.REFUSED;
        }
        JobParameters parameters = new LockReleaseJobParameters(asOf, dryRun).toJobParameters();
        return launcher.exclusively(lockReleaseJob.getName(), err::println,
                () -> start(parameters, asOf, dryRun, out, err));
    }

    private RunOutcome start(JobParameters parameters, Instant asOf, boolean dryRun, PrintWriter out, PrintWriter err) {
        JobExecution execution;
        try {
            execution = launcher.start(lockReleaseJob, parameters);
        } catch (JobInstanceAlreadyCompleteException alreadyDone) {
            out.println(LockReleaseJobParameters.JOB_NAME + " as of " + asOf + (dryRun ? " (dry run)" : "") + " was already done");
            JobInstance instance = jobOperator.getJobInstance(lockReleaseJob.getName(), parameters);
            Optional.ofNullable(instance).flatMap(done -> store.summary(done.getInstanceId()))
                    .ifPresent(summary -> summarize(summary, out));
            return RunOutcome.DONE;
        } catch (JobExecutionAlreadyRunningException running) {
            err.println("error: " + LockReleaseJobParameters.JOB_NAME + " as of " + asOf + " is already running");
            return RunOutcome.BUSY;
        } catch (Exception refused) {
            err.println("error: " + LockReleaseJobParameters.JOB_NAME + " as of " + asOf + " cannot run: " + refused.getMessage());
            return RunOutcome.FAILED;
        }
        return report(execution, dryRun, out, err);
    }

    private void summarize(LockReleaseSummary summary, PrintWriter out) {
        out.println(summary.line());
        FieldLine.info(log, LockReleaseSummary.SUBJECT, summary.fields());
        if (!summary.dryRun()) {
            lockMetrics.ran(summary);
        }
    }

    /** An account by id only, with the facts of its lock; no personal data. */
    private static Map<String, Object> accountFields(long runId, PlannedLock lock) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("run", runId);
        fields.put("account", lock.accountId());
        fields.put("lock_reason", String.valueOf(lock.lockReason()));
        fields.put("locked_at", String.valueOf(lock.lockedAt()));
        fields.put("earlier_automatic_locks", lock.earlierAutomaticLocks());
        return fields;
    }

    private RunOutcome report(JobExecution execution, boolean dryRun, PrintWriter out, PrintWriter err) {
        long runId = execution.getJobInstanceId();
        if (dryRun) {
            for (PlannedLock lock : store.planned(runId, Decision.RELEASE)) {
                out.println("would release account " + lock.accountId() + ": " + lock.lockReason() + " lock of "
                        + lock.lockedAt() + ", stale since " + lock.staleAt() + " ("
                        + lock.earlierAutomaticLocks() + " earlier automatic locks in 30 days)");
                FieldLine.info(log, JOB + " would release:", accountFields(runId, lock));
            }
        }
        for (PlannedLock lock : store.planned(runId, Decision.CANNOT_JUDGE)) {
            out.println("cannot judge account " + lock.accountId() + ": " + lock.problem() + "; left locked");
            Map<String, Object> fields = accountFields(runId, lock);
            fields.put("problem", lock.problem());
            FieldLine.warn(log, JOB + " cannot judge:", fields);
        }
        for (PlannedLock lock : store.planned(runId, Decision.NEEDS_SUPPORT)) {
            out.println("needs support: account " + lock.accountId() + ", " + (lock.earlierAutomaticLocks() + 1)
                    + " automatic locks in the 30 days up to its lock of " + lock.lockedAt() + "; left locked");
            FieldLine.warn(log, JOB + " needs support:", accountFields(runId, lock));
        }
        Optional<LockReleaseSummary> summary = store.summary(runId);
        summary.ifPresent(done -> summarize(done, out));
        if (dryRun && summary.isPresent() && summary.get().stale() > properties.maxReleasesPerRun()) {
            out.println("note: a real run would stop without releasing: " + summary.get().stale()
                    + " stale locks exceed locks.max-releases-per-run=" + properties.maxReleasesPerRun());
        }
        if (execution.getStatus() == BatchStatus.COMPLETED) {
            return RunOutcome.DONE;
        }
        String stopReason = summary.map(LockReleaseSummary::stopReason).orElse(null);
        if (stopReason != null) {
            err.println("error: " + LockReleaseJobParameters.JOB_NAME + " stopped: " + stopReason);
        } else {
            err.println("error: " + LockReleaseJobParameters.JOB_NAME + " " + execution.getStatus() + ": " + launcher.whyNotCompleted(execution)
                    + "; the next run plans again from the accounts as they are");
        }
        return RunOutcome.FAILED;
    }
}

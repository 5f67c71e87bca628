package jp.crowdpay.jobs.locks;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import jp.crowdpay.jobs.locks.LockDurationPolicy.Decision;
import jp.crowdpay.jobs.runs.ExclusiveJobLauncher;
import jp.crowdpay.jobs.runs.RunOutcome;
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

    /** The earliest --as-of accepted. */
    static final Instant EARLIEST_AS_OF = Instant.EPOCH;

    private final JobOperator jobOperator;
    private final ExclusiveJobLauncher launcher;
    private final Job lockReleaseJob;
    private final LockReleaseStore store;
    private final LockReleaseProperties properties;

    LockReleaseLauncher(JobOperator jobOperator, ExclusiveJobLauncher launcher, @Qualifier("lockReleaseJob") Job lockReleaseJob,
                        LockReleaseStore store, LockReleaseProperties properties) {
        this.jobOperator = jobOperator;
        this.launcher = launcher;
        this.lockReleaseJob = lockReleaseJob;
        this.store = store;
        this.properties = properties;
    }

    /** @param requestedAsOf null for now */
    public RunOutcome launch(Instant requestedAsOf, boolean dryRun, PrintWriter out, PrintWriter err) {
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
                    .ifPresent(summary -> out.println(summary.line()));
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

    private RunOutcome report(JobExecution execution, boolean dryRun, PrintWriter out, PrintWriter err) {
        long runId = execution.getJobInstanceId();
        if (dryRun) {
            for (PlannedLock lock : store.planned(runId, Decision.RELEASE)) {
                out.println("would release account " + lock.accountId() + ": " + lock.lockReason() + " lock of "
                        + lock.lockedAt() + ", stale since " + lock.staleAt() + " ("
                        + lock.earlierAutomaticLocks() + " earlier automatic locks in 30 days)");
            }
        }
        for (PlannedLock lock : store.planned(runId, Decision.CANNOT_JUDGE)) {
            out.println("cannot judge account " + lock.accountId() + ": " + lock.problem() + "; left locked");
        }
        for (PlannedLock lock : store.planned(runId, Decision.NEEDS_SUPPORT)) {
            out.println("needs support: account " + lock.accountId() + ", " + (lock.earlierAutomaticLocks() + 1)
                    + " automatic locks in the 30 days up to its lock of " + lock.lockedAt() + "; left locked");
        }
        Optional<LockReleaseSummary> summary = store.summary(runId);
        summary.ifPresent(done -> out.println(done.line()));
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

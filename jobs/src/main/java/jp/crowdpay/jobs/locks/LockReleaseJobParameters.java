package jp.crowdpay.jobs.locks;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The lock release's job name and identifying parameters: the instant it releases as of, and
 * whether it is a dry run. Every run of the same pair is the same job instance, so a failed run
 * is continued by the same command. Stored typed (the instant as a date-time in UTC, which the
 * job repository can store), read back here and nowhere else.
 */
public record LockReleaseJobParameters(Instant asOf, boolean dryRun) {

    public static final String JOB_NAME = "lockReleaseJob";
    static final String AS_OF = "asOf";
    static final String DRY_RUN = "dryRun";
    /** For step-scoped beans: {@code @Value(PARAMETERS_EXPRESSION) JobParameters parameters}. */
    static final String PARAMETERS_EXPRESSION = "#{stepExecution.jobExecution.jobParameters}";

    JobParameters toJobParameters() {
        return new JobParametersBuilder()
                .addLocalDateTime(AS_OF, LocalDateTime.ofInstant(asOf, ZoneOffset.UTC))
                .addJobParameter(DRY_RUN, dryRun, Boolean.class)
                .toJobParameters();
    }

    static LockReleaseJobParameters of(JobParameters parameters) {
        Instant asOf = parameters.getLocalDateTime(AS_OF).toInstant(ZoneOffset.UTC);
        return new LockReleaseJobParameters(asOf, (Boolean) parameters.getParameter(DRY_RUN).value());
    }
}

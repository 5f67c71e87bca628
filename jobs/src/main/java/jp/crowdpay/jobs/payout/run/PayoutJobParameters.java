package jp.crowdpay.jobs.payout.run;

import java.time.LocalDate;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.step.StepContribution;

/**
 * The nightly payout's job name and its one identifying parameter, the business date: the same
 * date is the same run (no incrementer). Everything that names the job or reads its date,
 * status included, goes through here.
 */
public record PayoutJobParameters(LocalDate businessDate) {

    public static final String JOB_NAME = "nightlyPayoutJob";
    public static final String BUSINESS_DATE = "businessDate";
    /** For step-scoped beans: {@code @Value(BUSINESS_DATE_EXPRESSION) LocalDate businessDate}. */
    public static final String BUSINESS_DATE_EXPRESSION = "#{jobParameters['" + BUSINESS_DATE + "']}";

    public JobParameters toJobParameters() {
        return new JobParametersBuilder().addLocalDate(BUSINESS_DATE, businessDate).toJobParameters();
    }

    public static LocalDate businessDate(StepContribution contribution) {
        return contribution.getStepExecution().getJobExecution().getJobParameters().getLocalDate(BUSINESS_DATE);
    }
}

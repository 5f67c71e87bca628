package jp.crowdpay.jobs.runs;

/** Another process runs the same job right now; exit code 3. */
public class AnotherRunInProgressException extends RuntimeException {
    public AnotherRunInProgressException(String jobName, String runInProgress) {
        super("another run of " + jobName + " is in progress: " + runInProgress);
    }
}

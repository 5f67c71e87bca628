package jp.crowdpay.jobs.cli;

import java.io.PrintStream;
import java.util.Optional;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.RunOutcome;
import jp.crowdpay.jobs.schema.SchemaMismatchException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The process exit codes that cron and operators see; documented in the README and in --help. */
public final class ExitCodes {

    private static final Logger log = LoggerFactory.getLogger(ExitCodes.class);

    /** Done; also: already done, nothing to do. */
    public static final int OK = 0;
    /** The run failed, or was stopped by SIGTERM; running the same command again continues it. */
    public static final int FAILED = 1;
    /** Bad usage, settings or input; nothing was touched. */
    public static final int USAGE = 2;
    /** Another run of the same job is in progress. */
    public static final int ALREADY_RUNNING = 3;
    /** {@code status --check}: the latest runs are not what a healthy schedule leaves. */
    public static final int CHECK_FAILED = 4;
    /** The payout completed, but the expiry notices chained after it did not; the same command again writes them. */
    public static final int FOLLOW_UP_FAILED = 5;

    /** Not an exit code: the command line is well-formed and the command should run. */
    public static final int PROCEED = -1;

    private ExitCodes() {
    }

    public static int of(RunOutcome outcome) {
        return switch (outcome) {
            case DONE -> OK;
            case FAILED -> FAILED;
            case REFUSED -> USAGE;
            case BUSY -> ALREADY_RUNNING;
            case FOLLOW_UP_FAILED -> FOLLOW_UP_FAILED;
        };
    }

    /** How the exit code reads in the log line every command ends with. */
    public static String meaning(int exitCode) {
        return switch (exitCode) {
            case OK -> "done";
            case FAILED -> "failed";
            case USAGE -> "refused";
            case ALREADY_RUNNING -> "another run in progress";
            case CHECK_FAILED -> "check failed";
            case FOLLOW_UP_FAILED -> "payout done, notices failed";
            default -> "unknown";
        };
    }

    /**
     * A context that fails to start on a bad setting or a database it cannot use is a usage error;
     * anything else a failure.
     * Standard error gets one line that names the cause; the stack trace stays in the log.
     */
    public static int forStartupFailure(Throwable failure, PrintStream err) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SchemaMismatchException mismatch) {
                err.println("error: " + mismatch.getMessage());
                return USAGE;
            }
        }
        Optional<String> badSetting = SettingsErrors.describe(failure);
        int exitCode = badSetting.isPresent() ? USAGE : FAILED;
        // Spring Boot has logged the failure (its analysis, or the stack trace) already
        log.debug("the program could not start", failure);
        if (badSetting.isPresent()) {
            err.println("error: invalid setting: " + badSetting.get());
        } else {
            err.println("error: the program could not start: " + RunFailures.describe(failure));
        }
        log.info("payout-jobs finished: exit={} ({}) before its command ran", exitCode, meaning(exitCode));
        return exitCode;
    }
}

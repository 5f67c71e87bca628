package jp.crowdpay.jobs.cli;

import java.io.PrintStream;
import jp.crowdpay.jobs.shared.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindException;
import org.springframework.boot.context.properties.bind.BindException;

/** The process exit codes that cron and operators see; documented in the README and in --help. */
public final class ExitCodes {

    /** Done; also: already done, nothing to do. */
    public static final int OK = 0;
    /** The run failed; running the same command again continues it. */
    public static final int FAILED = 1;
    /** Bad usage or settings; nothing was touched. */
    public static final int USAGE = 2;
    /** Another run of the same job is in progress. */
    public static final int ALREADY_RUNNING = 3;

    /** Not an exit code: the command line is well-formed and the command should run. */
    public static final int PROCEED = -1;

    private ExitCodes() {
    }

    /** A context that fails to start on a bad setting is a usage error; anything else a failure. */
    public static int forStartupFailure(Throwable failure, PrintStream err) {
        // a settings class that checks itself throws inside the binder: its message names the setting
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidSettingException invalid) {
                err.println("error: invalid setting: " + invalid.getMessage());
                return USAGE;
            }
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConfigurationPropertiesBindException || cause instanceof BindException) {
                err.println("error: invalid setting: " + bindMessage(failure));
                return USAGE;
            }
        }
        err.println("error: the program could not start: " + rootMessage(failure));
        return FAILED;
    }

    private static String bindMessage(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException bind) {
                Throwable reason = bind.getCause();
                return bind.getName() + ": " + (reason == null ? bind.getMessage() : reason.getMessage());
            }
        }
        return rootMessage(failure);
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}

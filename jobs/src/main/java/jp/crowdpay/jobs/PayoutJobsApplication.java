package jp.crowdpay.jobs;

import java.io.PrintStream;
import java.util.Map;
import jp.crowdpay.jobs.cli.CommandLineInterface;
import jp.crowdpay.jobs.cli.CommandStreams;
import jp.crowdpay.jobs.cli.ExitCodes;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class PayoutJobsApplication {

    private static final String PUSH_GROUP_BY_COMMAND = "management.prometheus.metrics.export.pushgateway.grouping-key.command";

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * {@code main} without {@code System.exit}: runs one command line, writing what the command
     * prints to {@code out} and {@code err}, and returns its exit code. Tests run commands
     * in-process through it where a process of their own is not the point.
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLineInterface.fixTimeZone();
        // each command's metrics form a group of their own in the Pushgateway: the lock release's
        // push every few minutes must not replace the payout's figures; and every connection of
        // the pool names the command in pg_stat_activity (application.yml)
        String command = CommandLineInterface.commandName(args);
        Map<String, Object> defaults = Map.of(PUSH_GROUP_BY_COMMAND, command, "jobs.connection-name", "payout-jobs " + command);
        // --help and usage errors are answered before Spring starts: no database needed for them
        int usage = CommandLineInterface.checkUsage(args, out, err);
        if (usage != ExitCodes.PROCEED) {
            CommandLineInterface.endedBeforeItRan(args, usage, defaults);
            return usage;
        }
        SpringApplication application = new SpringApplication(PayoutJobsApplication.class);
        // the command line belongs to the commands, not to Spring's property binding
        application.setAddCommandLineProperties(false);
        application.setDefaultProperties(defaults);
        application.addInitializers(context -> context.getBeanFactory().registerSingleton("commandStreams", new CommandStreams(out, err)));
        // on SIGTERM the running job must finish its chunk with the database still open:
        // the jobs' own hook (ops.GracefulStop) waits for that, then the JVM exits
        application.setRegisterShutdownHook(false);
        try {
            return SpringApplication.exit(application.run(args));
        } catch (RuntimeException startupFailure) {
            int exitCode = ExitCodes.forStartupFailure(startupFailure, err);
            CommandLineInterface.endedBeforeItRan(args, exitCode, defaults);
            return exitCode;
        }
    }
}

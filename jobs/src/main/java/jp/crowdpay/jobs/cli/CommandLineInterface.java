package jp.crowdpay.jobs.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import jp.crowdpay.jobs.close.MonthEndClose;
import jp.crowdpay.jobs.locks.LockReleaseMetrics;
import jp.crowdpay.jobs.notices.ExpiryNoticesMetrics;
import jp.crowdpay.jobs.payout.PayoutMetrics;
import jp.crowdpay.jobs.returns.ReturnsMetrics;
import jp.crowdpay.jobs.runs.MetricsAtStart;
import jp.crowdpay.jobs.runs.RepositoryTime;
import jp.crowdpay.jobs.runs.RunFailures;
import jp.crowdpay.jobs.runs.RunOutcome;
import jp.crowdpay.jobs.schema.SchemaAccess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The command line of payout-jobs.jar. It is parsed twice: once before Spring starts, to answer
 * --help and usage errors without a database, and once inside the context, to run the command.
 */
public final class CommandLineInterface {

    private static final Logger log = LoggerFactory.getLogger(CommandLineInterface.class);

    private CommandLineInterface() {
    }

    /**
     * The JVM runs in UTC whatever its environment says, before anything reads a clock: the job
     * repository's times are UTC ({@link RepositoryTime}).
     */
    public static void fixTimeZone() {
        RepositoryTime.fixJvmZone();
    }

    /**
     * The command a command line runs, as pg_stat_activity and the Pushgateway group show it,
     * also when its options do not parse; empty when there is none (an application started
     * without a command, as in tests) or no command can be told.
     */
    public static String commandName(String[] args) {
        try {
            ParseResult parsed = commandLine(null, System.out, System.err).parseArgs(args);
            return parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : "";
        } catch (ParameterException usageError) {
            CommandLine.Model.CommandSpec command = usageError.getCommandLine().getCommandSpec();
            return command.parent() == null ? "" : command.name();
        }
    }

    /**
     * Records the refusal (a bad option or setting) or failure (no database) that ended a command
     * line before its command ran, for the commands that push their metrics: a cron job refused
     * every night must not look like no news. --help pushes nothing, nor a lock release dry run.
     */
    public static void endedBeforeItRan(String[] args, int exitCode, Map<String, Object> defaultProperties) {
        if (exitCode != ExitCodes.USAGE && exitCode != ExitCodes.FAILED) {
            return;
        }
        RunOutcome outcome = exitCode == ExitCodes.USAGE ? RunOutcome.REFUSED : RunOutcome.FAILED;
        metricsPrefix(args).ifPresent(prefix -> MetricsAtStart.ended(prefix, outcome, defaultProperties));
    }

    private static Optional<String> metricsPrefix(String[] args) {
        return Optional.ofNullable(switch (commandName(args)) {
            case "payout" -> PayoutMetrics.PREFIX;
            case "release-locks" -> List.of(args).contains("--dry-run") ? null : LockReleaseMetrics.PREFIX;
            case "import-returns" -> ReturnsMetrics.PREFIX;
            case "notify-expiring" -> ExpiryNoticesMetrics.PREFIX;
            case "close-month" -> MonthEndClose.METRICS_PREFIX;
            default -> null;
        });
    }

    /**
     * Only {@code migrate} changes the schema; the benchmark works on databases of its own; every
     * other command, and an application started without one, needs the program's schema as it is.
     */
    static SchemaAccess schemaAccess(String[] args) {
        try {
            ParseResult parsed = commandLine(null, System.out, System.err).parseArgs(args);
            if (!parsed.hasSubcommand()) {
                return SchemaAccess.CURRENT;
            }
            ParseResult command = parsed.subcommand();
            return switch (command.commandSpec().name()) {
                case "migrate" -> command.hasMatchedOption("--dry-run") ? SchemaAccess.INSPECT : SchemaAccess.MIGRATE;
                case "benchmark" -> SchemaAccess.NONE;
                default -> SchemaAccess.CURRENT;
            };
        } catch (ParameterException usageError) {
            return SchemaAccess.CURRENT;
        }
    }

    /** Returns an exit code when the command line needs no application (help, usage error), else PROCEED. */
    public static int checkUsage(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = commandLine(null, out, err);
        SecretArguments secrets = SecretArguments.of(args);
        Optional<String> secretOption = secrets.refusal(cli);
        if (secretOption.isPresent()) {
            err.println("error: " + secretOption.get());
            return ExitCodes.USAGE;
        }
        try {
            ParseResult parsed = cli.parseArgs(args);
            if (CommandLine.printHelpIfRequested(parsed)) {
                return ExitCodes.OK;
            }
            if (!parsed.hasSubcommand()) {
                err.println("error: a command is required");
                cli.usage(err);
                return ExitCodes.USAGE;
            }
            return ExitCodes.PROCEED;
        } catch (ParameterException usageError) {
            err.println("error: " + withoutPrefix(secrets.mask(usageError.getMessage())));
            usageError.getCommandLine().usage(err);
            return ExitCodes.USAGE;
        }
    }

    /**
     * Runs the command inside a started application; beans come from the given lookup. Ends with
     * one log line that holds the exit code, whatever happened, for whoever reads the log only.
     */
    public static int execute(String[] args, Function<Class<?>, Object> beans, PrintStream out, PrintStream err) {
        SecretArguments secrets = SecretArguments.of(args);
        CommandLine cli = commandLine(beans, out, err, secrets);
        int exitCode = ExitCodes.FAILED;
        try {
            Optional<String> secretOption = secrets.refusal(cli);
            if (secretOption.isPresent()) {
                cli.getErr().println("error: " + secretOption.get());
                exitCode = ExitCodes.USAGE;
                return exitCode;
            }
            exitCode = cli.execute(args);
            return exitCode;
        } finally {
            cli.getOut().flush();
            cli.getErr().flush();
            log.info("{} finished: exit={} ({}) args={}", args.length == 0 ? "payout-jobs" : args[0], exitCode,
                    ExitCodes.meaning(exitCode), secrets.shown(Math.min(1, args.length)));
        }
    }

    private static CommandLine commandLine(Function<Class<?>, Object> beans, PrintStream out, PrintStream err) {
        return commandLine(beans, out, err, SecretArguments.of(new String[0]));
    }

    private static CommandLine commandLine(Function<Class<?>, Object> beans, PrintStream out, PrintStream err,
                                           SecretArguments secrets) {
        CommandLine cli = new CommandLine(new RootCommand(beans));
        // every command's --help lists the exit codes, from the one list of the root command
        var exitCodes = cli.getCommandSpec().usageMessage().exitCodeList();
        cli.getSubcommands().values().forEach(command -> command.getCommandSpec().usageMessage()
                .exitCodeListHeading("%nExit codes:%n").exitCodeList(exitCodes));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setExitCodeExceptionMapper(failure -> ExitCodes.FAILED);
        // picocli would print the stack trace on standard error: that goes to the log, the cause to standard error
        cli.setExecutionExceptionHandler((failure, command, parsed) -> {
            log.error("{} failed", command.getCommandName(), failure);
            command.getErr().println("error: " + secrets.mask(RunFailures.describe(failure)));
            return ExitCodes.FAILED;
        });
        cli.setParameterExceptionHandler((usageError, ignored) -> {
            usageError.getCommandLine().getErr().println("error: " + withoutPrefix(secrets.mask(usageError.getMessage())));
            usageError.getCommandLine().usage(usageError.getCommandLine().getErr());
            return ExitCodes.USAGE;
        });
        return cli;
    }

    /** Some picocli messages start with their own "Error: ". */
    private static String withoutPrefix(String message) {
        return message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
    }
}

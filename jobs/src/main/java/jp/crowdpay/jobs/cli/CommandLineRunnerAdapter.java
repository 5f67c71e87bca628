package jp.crowdpay.jobs.cli;

import java.io.PrintStream;
import jp.crowdpay.jobs.runs.LoggedLines;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Runs the command given on the command line and hands its exit code to SpringApplication.exit.
 * With structured console logging on ({@code logging.structured.format.console}), what the
 * command prints for the operator is logged as events too, so that every line of standard output
 * is JSON; standard error keeps its one plain line.
 */
@Component
class CommandLineRunnerAdapter implements CommandLineRunner, ExitCodeGenerator {

    private static final String STRUCTURED_CONSOLE = "logging.structured.format.console";

    private final BeanFactory beanFactory;
    private final Environment environment;
    private final CommandStreams streams;
    private int exitCode = ExitCodes.OK;

    CommandLineRunnerAdapter(BeanFactory beanFactory, Environment environment, ObjectProvider<CommandStreams> streams) {
        this.beanFactory = beanFactory;
        this.environment = environment;
        this.streams = streams.getIfAvailable(() -> new CommandStreams(System.out, System.err));
    }

    @Override
    public void run(String... args) {
        // an application started without a command (a test, an embedding) has nothing to run
        if (args.length > 0) {
            PrintStream out = StringUtils.hasText(environment.getProperty(STRUCTURED_CONSOLE))
                    ? LoggedLines.of(args[0]) : streams.out();
            exitCode = CommandLineInterface.execute(args, beanFactory::getBean, out, streams.err());
            if (out != streams.out()) {
                out.close();
            }
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}

package jp.crowdpay.jobs.cli;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.CommandLineRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/** Runs the command given on the command line and hands its exit code to SpringApplication.exit. */
@Component
class CommandLineRunnerAdapter implements CommandLineRunner, ExitCodeGenerator {

    private final BeanFactory beanFactory;
    private int exitCode = ExitCodes.OK;

    CommandLineRunnerAdapter(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void run(String... args) {
        // an application started without a command (a test, an embedding) has nothing to run
        if (args.length > 0) {
            exitCode = CommandLineInterface.execute(args, beanFactory::getBean, System.out, System.err);
        }
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}

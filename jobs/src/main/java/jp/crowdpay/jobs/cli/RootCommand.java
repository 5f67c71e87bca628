package jp.crowdpay.jobs.cli;

import java.util.function.Function;
import picocli.CommandLine.Command;

@Command(
        name = "payout-jobs",
        mixinStandardHelpOptions = true,
        version = "payout-jobs 1.0",
        description = "Batch jobs of the reward ledger: the nightly payout, the lock release and their operations.",
        subcommands = {MigrateCommand.class, PayoutCommand.class, ReleaseLocksCommand.class, StatusCommand.class, ReissueCommand.class,
                ImportBanksCommand.class, ImportReturnsCommand.class, ReturnedAccountsCommand.class, NotifyExpiringCommand.class,
                CloseMonthCommand.class, SeedCommand.class, BenchmarkCommand.class, WorkerCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:done (also: already done, nothing to do)",
                "1:the run failed, or was stopped by SIGTERM; run the same command again to continue it",
                "2:bad usage, settings or input; nothing was touched",
                "3:another run of the same job is in progress",
                "4:status --check: the latest runs are not healthy (one line says why)",
                "5:payout: the night completed but its expiry notices did not; run the same command again",
                "143:ended by SIGTERM outside a payout or lock-release run (while starting, or in another command); run it again"},
        footer = "%nSettings come from ./config/application.yml and the environment; see README.md.")
class RootCommand implements Runnable {

    private final Function<Class<?>, Object> beans;

    RootCommand(Function<Class<?>, Object> beans) {
        this.beans = beans;
    }

    /** The application's bean of this type; only while a command runs inside the application. */
    <T> T bean(Class<T> type) {
        if (beans == null) {
            throw new IllegalStateException("commands run only inside the application");
        }
        return type.cast(beans.apply(type));
    }

    @Override
    public void run() {
        // checkUsage() refuses a command line without a command before we get here
    }
}

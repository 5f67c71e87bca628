package jp.crowdpay.jobs.cli;

import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.seed.LedgerNotEmptyException;
import jp.crowdpay.jobs.seed.LedgerSeeder;
import jp.crowdpay.jobs.seed.LedgerSpec;
import jp.crowdpay.jobs.seed.Population;
import jp.crowdpay.jobs.seed.RewardLayout;
import jp.crowdpay.jobs.seed.SeedSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "seed",
        mixinStandardHelpOptions = true,
        header = "Fills an empty ledger with demo data.",
        description = "Fills an empty ledger with a synthetic population, so that a newcomer can see a real run: workers of every withdrawal method, some on hold, some without or with broken bank accounts, and rewards confirmed over the 240 days before the business date (a quarter past their deadline). The same options always give the same rows. A ledger that has workers or rewards is refused, untouched.")
class SeedCommand implements Callable<Integer> {

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    private int workers;
    private Long rewards;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42",
            description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--business-date", paramLabel = "YYYY-MM-DD",
            description = "The rewards are confirmed in the 240 days before it (default: today in the configured zone, payout.zone).")
    private LocalDate businessDate;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "clustered", converter = RewardLayoutConverter.class,
            description = "clustered: each worker's rewards next to each other; scattered: reward ids in confirmation"
                    + " order across all workers, as on the platform (default: ${DEFAULT-VALUE}).")
    private RewardLayout layout;

    // options are checked while parsing, so that a bad value is refused before the application starts
    @Option(names = "--workers", paramLabel = "N", defaultValue = "2000",
            description = "Number of workers (default: ${DEFAULT-VALUE}).")
    void workers(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, not " + value);
        }
        workers = value;
    }

    @Option(names = "--rewards", paramLabel = "N",
            description = "Number of rewards in total (default: " + LedgerSpec.REWARDS_PER_WORKER + " per worker).")
    void rewards(long value) {
        if (value < 0) {
            throw new ParameterException(spec.commandLine(), "--rewards must not be negative, not " + value);
        }
        rewards = value;
    }

    @Override
    public Integer call() {
        long total = rewards == null ? (long) workers * LedgerSpec.REWARDS_PER_WORKER : rewards;
        if (total > (long) workers * LedgerSpec.MAX_REWARDS_PER_WORKER) {
            spec.commandLine().getErr().println("error: --rewards must be at most "
                    + LedgerSpec.MAX_REWARDS_PER_WORKER + " per worker");
            return ExitCodes.USAGE;
        }
        LedgerSeeder seeder = root.bean(LedgerSeeder.class);
        LocalDate date = businessDate == null ? seeder.today() : businessDate;
        try {
            SeedSummary summary = seeder.seed(new LedgerSpec(workers, total, seed, date, Population.REALISTIC), layout);
            spec.commandLine().getOut().print(summary.report());
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        } catch (LedgerNotEmptyException refused) {
            spec.commandLine().getErr().println("error: " + refused.getMessage());
            return ExitCodes.USAGE;
        }
    }
}

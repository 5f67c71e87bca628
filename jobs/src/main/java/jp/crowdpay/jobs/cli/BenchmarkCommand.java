package jp.crowdpay.jobs.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import jp.crowdpay.jobs.bench.BenchDatabases;
import jp.crowdpay.jobs.bench.Benchmark;
import jp.crowdpay.jobs.seed.LedgerSeeder;
import jp.crowdpay.jobs.seed.LedgerSpec;
import jp.crowdpay.jobs.seed.RewardLayout;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "benchmark",
        mixinStandardHelpOptions = true,
        description = {
                "Times the nightly payout against plain set-based SQL, naive (bench/yardstick.sql) and tuned",
                "(bench/yardstick-tuned.sql), on a generated ledger where every worker is payable. Creates and",
                "drops its own databases, PREFIX_job, PREFIX_sql and PREFIX_sql_tuned, on the configured server;",
                "never touches any other.",
                "Exit code 0 when the job and the yardsticks that ran produced the same payouts and reward statuses,",
                "1 otherwise."})
class BenchmarkCommand implements Callable<Integer> {

    private static final long QUICK_REWARDS = 100_000;
    /** Each writer is a connection of the server's: more would crowd out the job's own. */
    private static final int MAX_PLATFORM_WRITERS = 32;

    @ParentCommand
    private RootCommand root;

    @Spec
    private CommandSpec spec;

    private int workers = 1_000_000;
    private Long rewards;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(names = "--quick", description = "A quick try: " + QUICK_REWARDS + " rewards of 10,000 workers.")
    private boolean quick;

    @Option(names = "--layout", paramLabel = "LAYOUT", defaultValue = "scattered",
            converter = RewardLayoutConverter.class,
            description = "scattered: reward ids in confirmation order across all workers, as on the platform;"
                    + " clustered: each worker's rewards next to each other (default: ${DEFAULT-VALUE}).")
    private RewardLayout layout;

    @Option(names = "--partitions", paramLabel = "N", defaultValue = "1",
            description = "payout.partitions of the job, on local threads (default: ${DEFAULT-VALUE}).")
    private int partitions;

    @Option(names = "--heap", paramLabel = "SIZE", defaultValue = "512m", description = "-Xmx of the job's JVM (default: ${DEFAULT-VALUE}).")
    private String heap;

    @Option(names = "--dir", paramLabel = "PATH", defaultValue = "target/benchmark",
            description = "Where the job's logs, GC log and files go (default: ${DEFAULT-VALUE}).")
    private Path directory;

    @Option(names = "--keep", description = "Keep the databases afterwards, to look at them.")
    private boolean keep;

    @Option(names = "--database-prefix", paramLabel = "PREFIX", defaultValue = "${env:PAYOUT_BENCH_DB:-"
            + BenchDatabases.DEFAULT_PREFIX + "}",
            description = "What the benchmark's databases are named after: PREFIX_job, PREFIX_sql, PREFIX_sql_tuned;"
                    + " lower-case letters, digits and _ (default: PAYOUT_BENCH_DB, else " + BenchDatabases.DEFAULT_PREFIX + ").")
    private String databasePrefix;

    @Option(names = "--job-only", description = "Run only the job, not the yardsticks (for sizes where the"
            + " naive yardstick takes long); exit code 0 when the job completed.")
    private boolean jobOnly;

    @Option(names = "--without-naive", description = "Run the tuned yardstick but not the naive one (whose single UPDATE"
            + " takes most of an hour from 30M rewards on); the job is compared with the tuned one alone.")
    private boolean withoutNaive;

    @Option(names = "--platform-writers", paramLabel = "N", defaultValue = "0",
            description = "Writers of the live platform beside the job (worker, bank account and reward writes);"
                    + " prints how long their writes waited. Runs the job alone, as --job-only (default: ${DEFAULT-VALUE}).")
    private int platformWriters;

    @Option(names = "--platform-hold", paramLabel = "AGE", converter = AgeConverter.class,
            description = "With --platform-writers: one more writer, a slow request that holds a random worker's row this long"
                    + " (5s, 1m), again and again (default: none).")
    private Duration platformHold;

    @Option(names = "--workers", paramLabel = "N", description = "Workers (default: 1,000,000).")
    void workers(int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--workers must be at least 1, not " + value);
        }
        workers = value;
    }

    @Option(names = "--rewards", paramLabel = "N", description = "Rewards (default: 10 per worker).")
    void rewards(long value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), "--rewards must be at least 1, not " + value);
        }
        rewards = value;
    }

    @Override
    public Integer call() throws Exception {
        int workerCount = quick ? (int) (QUICK_REWARDS / LedgerSpec.REWARDS_PER_WORKER) : workers;
        long rewardCount = quick ? QUICK_REWARDS : rewards == null ? (long) workers * LedgerSpec.REWARDS_PER_WORKER : rewards;
        if (rewardCount > (long) workerCount * LedgerSpec.MAX_REWARDS_PER_WORKER) {
            spec.commandLine().getErr().println("error: --rewards must be at most " + LedgerSpec.MAX_REWARDS_PER_WORKER + " per worker");
            return ExitCodes.USAGE;
        }
        if (partitions < 1) {
            spec.commandLine().getErr().println("error: --partitions must be at least 1, not " + partitions);
            return ExitCodes.USAGE;
        }
        if (platformWriters < 0 || platformWriters > MAX_PLATFORM_WRITERS) {
            spec.commandLine().getErr().println("error: --platform-writers must be from 0 to " + MAX_PLATFORM_WRITERS
                    + ", not " + platformWriters);
            return ExitCodes.USAGE;
        }
        if (withoutNaive && (jobOnly || platformWriters > 0)) {
            spec.commandLine().getErr().println("error: --without-naive needs the yardsticks, which "
                    + (jobOnly ? "--job-only" : "--platform-writers") + " leaves out");
            return ExitCodes.USAGE;
        }
        if (platformHold != null && platformWriters == 0) {
            spec.commandLine().getErr().println("error: --platform-hold needs --platform-writers");
            return ExitCodes.USAGE;
        }
        BenchDatabases.Names databases;
        try {
            databases = BenchDatabases.Names.of(databasePrefix);
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("error: --database-prefix: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        // the job refuses a date after today: the benchmark pays as of today
        LocalDate today = root.bean(LedgerSeeder.class).today();
        Benchmark.Options options = new Benchmark.Options(workerCount, rewardCount, seed, today, layout, partitions, heap,
                directory.toAbsolutePath(), keep, jobOnly, withoutNaive, platformWriters, platformHold == null ? Duration.ZERO : platformHold,
                databases);
        boolean same = root.bean(Benchmark.class).run(options, spec.commandLine().getOut());
        return same ? ExitCodes.OK : ExitCodes.FAILED;
    }
}

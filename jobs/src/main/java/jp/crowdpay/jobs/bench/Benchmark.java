package jp.crowdpay.jobs.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.seed.LedgerSeeder;
import jp.crowdpay.jobs.seed.LedgerSpec;
import jp.crowdpay.jobs.seed.Population;
import jp.crowdpay.jobs.seed.RewardLayout;
import jp.crowdpay.jobs.seed.SeedSummary;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.stereotype.Component;
import org.springframework.util.FileSystemUtils;

/**
 * The benchmark (docs/benchmark.md): the same generated ledger paid three times, by the real job in a child JVM,
 * by the naive set-based yardstick and by the tuned one, each in a database of its own; then the outcomes compared.
 */
@Component
public class Benchmark {

    /**
     * @param platformWriters writers of the live platform beside the job; with any, the job runs alone
     * @param platformHold    with writers: how long a slow request of theirs holds a worker's row, again and again (zero: none)
     * @param withoutNaive    the tuned yardstick only: the naive one takes most of an hour from 30M rewards on
     * @param databases       the names of the benchmark's own databases
     */
    public record Options(int workers, long rewards, long seed, LocalDate businessDate, RewardLayout layout,
                          int partitions, String maxHeap, Path directory, boolean keep, boolean jobOnly, boolean withoutNaive,
                          int platformWriters, Duration platformHold, BenchDatabases.Names databases) {

        /** Without the yardsticks: asked for, or the platform writers' rows would differ from their copies. */
        boolean jobAlone() {
            return jobOnly || platformWriters > 0;
        }
    }

    private static final String INSUFFICIENT_PRIVILEGE = "42501";
    private static final Pattern SET_ASIDE = Pattern.compile("payWorkersStep: (\\d+) of workers .* set aside, ");

    private final PayoutProperties settings;
    private final BenchDatabases databases;

    public Benchmark(PayoutProperties settings,
                     @Value("${spring.datasource.url}") String url,
                     @Value("${spring.datasource.username:postgres}") String username,
                     @Value("${spring.datasource.password:}") String password) {
        this.settings = settings;
        this.databases = new BenchDatabases(url, username, password);
    }

    /**
     * @return true if the job and both yardsticks left the same ledger and the yardsticks the same bank file (with
     *         {@code jobOnly}: if the job completed)
     */
    public boolean run(Options options, PrintWriter out) throws SQLException, IOException, InterruptedException {
        BenchDatabases.Names names = options.databases();
        LedgerSpec spec = new LedgerSpec(options.workers(), options.rewards(), options.seed(), options.businessDate(),
                Population.BENCHMARK);
        out.printf("Benchmark of %,d workers, %,d rewards %s (seed %d, business date %s), job heap -Xmx%s, partitions %d%n",
                spec.workers(), spec.rewards(), options.layout().name().toLowerCase(Locale.ROOT), spec.seed(),
                spec.businessDate(), options.maxHeap(), options.partitions());
        // the bank files of an earlier benchmark belong to a database that is gone; the job would refuse to overwrite them
        FileSystemUtils.deleteRecursively(outbox(options));
        databases.createFresh(names.job());
        SeedSummary seeded = new LedgerSeeder(dataSource(names.job()), settings).seed(spec, options.layout());
        out.printf("  dataset loaded in %.1f s%s%n", seeded.elapsed().toMillis() / 1e3, options.jobAlone() ? ""
                : options.withoutNaive() ? "; copying it for the tuned yardstick" : "; copying it for the two yardsticks");
        if (!options.jobAlone()) {
            if (!options.withoutNaive()) {
                databases.copy(names.job(), names.naiveYardstick());
            }
            databases.copy(names.job(), names.tunedYardstick());
        }
        try {
            out.println("  running the job" + (options.platformWriters() > 0
                    ? " beside " + options.platformWriters() + " platform writers ..." : " ..."));
            startClean(out);
            ServerActivity beforeJob = activity(names);
            PlatformWriters platform = options.platformWriters() == 0 ? null
                    : PlatformWriters.start(databases.url(names.job()) + "?ApplicationName=benchmark%20platform%20writer",
                    databases.username(), databases.password(), options.platformWriters(), options.platformHold(), spec.workers(),
                    spec.businessDate(), spec.seed());
            JobProcess.Result job;
            List<PlatformWriters.Write> writes;
            try {
                job = JobProcess.run(options.directory().resolve("job"), options.maxHeap(),
                        jobEnvironment(options, names), "payout", "--date", spec.businessDate().toString());
            } finally {
                writes = platform == null ? List.of() : platform.stop();
            }
            if (job.exitCode() != 0) {
                out.println("The job failed (exit " + job.exitCode() + "); see " + job.directory() + "/stderr.txt");
                return false;
            }
            ServerActivity jobActivity = activity(names).since(beforeJob);
            JdbcTemplate jobDatabase = new JdbcTemplate(dataSource(names.job()));
            long inScope = jobDatabase.queryForObject("select unpaid_before_count from payout_run", Long.class);
            if (options.jobAlone()) {
                new BenchmarkReport(spec, inScope, job, jobSteps(names), jobStepsWall(names), jobActivity, digest(names.job()), List.of(), true)
                        .print(out);
                if (platform != null) {
                    PlatformWriters.print(writes, stepWindows(names), options.platformWriters(), out);
                    if (!options.platformHold().isZero()) {
                        out.printf("  slow requests: %,d, each holding a worker's row for %d ms%n", platform.holds(),
                                options.platformHold().toMillis());
                    }
                    out.printf("  paying chunks: %s%n", jobDatabase.queryForObject("""
                            with paying as (
                                select * from batch_step_execution where step_name like 'payWorkersPartitionStep:%'
                                union all
                                select * from batch_step_execution where step_name = 'payWorkersStep' and not exists (
                                    select 1 from batch_step_execution where step_name like 'payWorkersPartitionStep:%'))
                            select sum(commit_count) || ' transactions, ' || round(sum(extract(epoch from end_time - start_time)
                                   * 1000) / greatest(sum(commit_count), 1)) || ' ms each on average (time paying / commits)'
                            from paying""",
                            String.class));
                    out.printf("  workers set aside by the paying step, their rows held past the lock timeout: %,d;"
                            + " carried forward as ROWS_LOCKED: %,d%n", setAside(job), jobDatabase.queryForObject(
                            "select coalesce(sum(workers), 0) from payout_run_tally where outcome = 'ROWS_LOCKED'", Long.class));
                }
                return true;
            }
            YardstickRun naive = options.withoutNaive() ? null : runYardstick(Yardstick.NAIVE, names.naiveYardstick(), names,
                    spec.businessDate(), options.directory().resolve("yardstick.csv"), out);
            YardstickRun tuned = runYardstick(Yardstick.TUNED, names.tunedYardstick(), names, spec.businessDate(),
                    options.directory().resolve("yardstick-tuned.csv"), out);
            out.println("  comparing the outcomes ...");
            // both files come from one COPY of the same columns: any byte apart is a payout apart
            boolean sameFiles = naive == null || Files.mismatch(naive.file(), tuned.file()) == -1L;
            BenchmarkReport report = new BenchmarkReport(spec, inScope, job, jobSteps(names), jobStepsWall(names), jobActivity,
                    digest(names.job()), naive == null ? List.of(tuned) : List.of(naive, tuned), sameFiles);
            report.print(out);
            return report.same();
        } finally {
            if (!options.keep()) {
                databases.drop(names.job());
                if (!options.jobAlone()) {
                    databases.drop(names.naiveYardstick());
                    databases.drop(names.tunedYardstick());
                }
            }
        }
    }

    private YardstickRun runYardstick(String resource, String database, BenchDatabases.Names names, LocalDate businessDate,
                                      Path file, PrintWriter out) throws SQLException, IOException {
        out.println("  running the yardstick " + resource + " ...");
        out.flush();
        startClean(out);
        ServerActivity before = activity(names);
        List<StepTiming> steps = Yardstick.load(resource).run(databases.connectionUrl(database), databases.username(),
                databases.password(), yardstickParameters(businessDate), file);
        ServerActivity activity = activity(names).since(before);
        return new YardstickRun(resource, steps, activity, digest(database), file);
    }

    /**
     * A checkpoint before each contender. Without it the yardsticks ran into the checkpoints that
     * the job's WAL had brought on, and the job into those of the loading and copying; the
     * figures depended on who ran first.
     */
    private void startClean(PrintWriter out) throws SQLException {
        try {
            databases.checkpoint();
        } catch (SQLException refused) {
            if (!INSUFFICIENT_PRIVILEGE.equals(refused.getSQLState())) {
                throw refused;
            }
            out.println("  no checkpoint before this contender (the benchmark's role needs superuser or pg_checkpoint): "
                    + refused.getMessage());
        }
    }

    private static Path outbox(Options options) {
        return options.directory().resolve("job/outbox").toAbsolutePath();
    }

    private Map<String, String> jobEnvironment(Options options, BenchDatabases.Names names) {
        String fees = settings.fees().byBank().entrySet().stream()
                .map(fee -> "\"" + fee.getKey() + "\":" + fee.getValue())
                .collect(Collectors.joining(","));
        // the child reads no operator file: every setting it runs with is the benchmark's
        String json = "{\"payout\":{"
                + "\"zone\":\"" + settings.zone() + "\","
                + "\"deadline-days\":" + settings.deadlineDays() + ","
                + "\"thresholds\":{\"on-demand\":" + settings.thresholds().onDemand()
                + ",\"min-50000\":" + settings.thresholds().min50000() + "},"
                + "\"fees\":{\"default\":" + settings.fees().defaultFee() + ",\"by-bank\":{" + fees + "}},"
                + "\"outbox\":\"" + outbox(options) + "\","
                + "\"chunk-size\":" + settings.chunkSize() + ","
                + "\"marking-range\":" + settings.markingRange() + ","
                + "\"mark-paid\":\"" + settings.markPaid().name().toLowerCase(Locale.ROOT).replace('_', '-') + "\","
                + "\"platform-lock-timeout\":\"" + settings.platformLockTimeout().toMillis() + "ms\","
                + "\"locked-rows\":{\"retries\":" + settings.lockedRows().retries()
                + ",\"pause\":\"" + settings.lockedRows().pause().toMillis() + "ms\"},"
                + "\"partitions\":" + options.partitions() + ","
                // the night alone, as the yardstick does it: not the expiry notices chained after it
                + "\"notices\":{\"after-payout\":false}}}";
        return Map.of(
                "SPRING_DATASOURCE_URL", databases.url(names.job()),
                "SPRING_DATASOURCE_USERNAME", databases.username(),
                "SPRING_DATASOURCE_PASSWORD", databases.password(),
                "SPRING_APPLICATION_JSON", json);
    }

    private MapSqlParameterSource yardstickParameters(LocalDate businessDate) {
        List<Map.Entry<String, Long>> fees = List.copyOf(settings.fees().byBank().entrySet());
        return new MapSqlParameterSource()
                .addValue("businessDate", businessDate)
                .addValue("expiredIfConfirmedBefore", settings.rewardDeadline().expiredIfConfirmedBefore(businessDate))
                .addValue("onDemandThreshold", settings.thresholds().onDemand())
                .addValue("min50000Threshold", settings.thresholds().min50000())
                .addValue("defaultFee", settings.fees().defaultFee())
                .addValue("feeBanks", fees.stream().map(Map.Entry::getKey).toArray(String[]::new))
                .addValue("feeYen", fees.stream().map(Map.Entry::getValue).toArray(Long[]::new));
    }

    /**
     * From the start of the job's first step to the end of its last: steps that run beside each
     * other count once, and JVM start and stop not at all.
     */
    private Duration jobStepsWall(BenchDatabases.Names names) {
        return Duration.ofMillis(new JdbcTemplate(dataSource(names.job())).queryForObject("""
                select coalesce(extract(epoch from max(end_time) - min(start_time)) * 1000, 0)::bigint
                from batch_step_execution""", Long.class));
    }

    /**
     * Wall time of the job's steps; partitions of a partitioned step are inside their manager step.
     * The settling's ranges follow it, summed per pass: the time its threads spent on each.
     */
    private List<StepTiming> jobSteps(BenchDatabases.Names names) {
        return new JdbcTemplate(dataSource(names.job())).query("""
                select name, millis from (
                    select step_execution_id as position, step_name as name,
                           extract(epoch from end_time - start_time) * 1000 as millis
                    from batch_step_execution where step_name not like '%:%'
                    union all
                    select (select max(step_execution_id) from batch_step_execution where step_name = 'settleRewardsStep') + 0.5,
                           '  ' || substring(step_name from ':([a-z]+)') || ' (' || count(*) || ' ranges)',
                           sum(extract(epoch from end_time - start_time)) * 1000
                    from batch_step_execution where step_name like 'settleRewardRangeStep:%'
                    group by substring(step_name from ':([a-z]+)')) steps
                order by position, name""",
                (rs, row) -> new StepTiming(rs.getString(1), Duration.ofMillis(rs.getLong(2))));
    }

    /** The job's steps by the wall clock; the job ran on this machine, in this zone. */
    private List<PlatformWriters.Step> stepWindows(BenchDatabases.Names names) {
        return new JdbcTemplate(dataSource(names.job())).query("""
                select step_name, start_time, end_time from batch_step_execution
                where step_name not like '%:%' and end_time is not null order by step_execution_id""",
                (rs, row) -> new PlatformWriters.Step(rs.getString(1), epochMillis(rs.getObject(2, LocalDateTime.class)),
                        epochMillis(rs.getObject(3, LocalDateTime.class))));
    }

    private static long epochMillis(LocalDateTime time) {
        return time.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
    }

    /** Workers the paying step set aside, from the job's log: the night keeps no count of them once decided. */
    private static long setAside(JobProcess.Result job) throws IOException {
        Matcher lines = SET_ASIDE.matcher(Files.readString(job.directory().resolve("stdout.txt")));
        long workers = 0;
        while (lines.find()) {
            workers += Long.parseLong(lines.group(1));
        }
        return workers;
    }

    private ServerActivity activity(BenchDatabases.Names names) throws SQLException {
        return ServerActivity.read(databases.connectionUrl(names.job()), databases.username(), databases.password());
    }

    private LedgerDigest digest(String database) throws SQLException {
        return LedgerDigest.of(databases.connectionUrl(database), databases.username(), databases.password());
    }

    private DriverManagerDataSource dataSource(String database) {
        return new DriverManagerDataSource(databases.connectionUrl(database), databases.username(), databases.password());
    }
}

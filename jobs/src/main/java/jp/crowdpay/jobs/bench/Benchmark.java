package jp.crowdpay.jobs.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.payout.PayoutProperties;
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
 * The benchmark (docs/benchmark.md): the same generated ledger paid twice, once by the real job in a child JVM
 * and once by the set-based yardstick, each in a fresh database; then both outcomes compared.
 */
@Component
public class Benchmark {

    public record Options(int workers, long rewards, long seed, LocalDate businessDate, RewardLayout layout,
                          int partitions, String maxHeap, Path directory, boolean keep, boolean jobOnly) {
    }

    private final PayoutProperties settings;
    private final BenchDatabases databases;

    public Benchmark(PayoutProperties settings,
                     @Value("${spring.datasource.url}") String url,
                     @Value("${spring.datasource.username:postgres}") String username,
                     @Value("${spring.datasource.password:}") String password) {
        this.settings = settings;
        this.databases = new BenchDatabases(url, username, password);
    }

    /** @return true if the job and the yardstick left the same ledger (with {@code jobOnly}: if the job completed) */
    public boolean run(Options options, PrintWriter out) throws SQLException, IOException, InterruptedException {
        LedgerSpec spec = new LedgerSpec(options.workers(), options.rewards(), options.seed(), options.businessDate(),
                Population.BENCHMARK);
        out.printf("Benchmark of %,d workers, %,d rewards %s (seed %d, business date %s), job heap -Xmx%s, partitions %d%n",
                spec.workers(), spec.rewards(), options.layout().name().toLowerCase(Locale.ROOT), spec.seed(),
                spec.businessDate(), options.maxHeap(), options.partitions());
        // the bank files of an earlier benchmark belong to a database that is gone; the job would refuse to overwrite them
        FileSystemUtils.deleteRecursively(outbox(options));
        databases.createFresh(BenchDatabases.JOB);
        SeedSummary seeded = new LedgerSeeder(dataSource(BenchDatabases.JOB), settings).seed(spec, options.layout());
        out.printf("  dataset loaded in %.1f s%s%n", seeded.elapsed().toMillis() / 1e3,
                options.jobOnly() ? "" : "; copying it for the yardstick");
        if (!options.jobOnly()) {
            databases.copy(BenchDatabases.JOB, BenchDatabases.YARDSTICK);
        }
        try {
            out.println("  running the job ...");
            ServerActivity beforeJob = activity();
            JobProcess.Result job = JobProcess.run(options.directory().resolve("job"), options.maxHeap(),
                    jobEnvironment(options), "payout", "--date", spec.businessDate().toString());
            if (job.exitCode() != 0) {
                out.println("The job failed (exit " + job.exitCode() + "); see " + job.directory() + "/stderr.txt");
                return false;
            }
            ServerActivity jobActivity = activity().since(beforeJob);
            long inScope = new JdbcTemplate(dataSource(BenchDatabases.JOB))
                    .queryForObject("select unpaid_before_count from payout_run", Long.class);
            if (options.jobOnly()) {
                new BenchmarkReport(spec, inScope, job, jobSteps(), jobActivity, null, null, digest(BenchDatabases.JOB), null)
                        .print(out);
                return true;
            }
            out.println("  running the yardstick ...");
            ServerActivity beforeYardstick = activity();
            List<StepTiming> yardstick = Yardstick.load().run(databases.connectionUrl(BenchDatabases.YARDSTICK),
                    databases.username(), databases.password(), yardstickParameters(spec.businessDate()),
                    options.directory().resolve("yardstick.csv"));
            ServerActivity yardstickActivity = activity().since(beforeYardstick);
            out.println("  comparing the outcomes ...");
            LedgerDigest jobLedger = digest(BenchDatabases.JOB);
            LedgerDigest yardstickLedger = digest(BenchDatabases.YARDSTICK);
            new BenchmarkReport(spec, inScope, job, jobSteps(), jobActivity, yardstick, yardstickActivity, jobLedger,
                    yardstickLedger).print(out);
            return jobLedger.equals(yardstickLedger);
        } finally {
            if (!options.keep()) {
                databases.drop(BenchDatabases.JOB);
                if (!options.jobOnly()) {
                    databases.drop(BenchDatabases.YARDSTICK);
                }
            }
        }
    }

    private static Path outbox(Options options) {
        return options.directory().resolve("job/outbox").toAbsolutePath();
    }

    private Map<String, String> jobEnvironment(Options options) {
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
                + "\"partitions\":" + options.partitions() + ","
                // the night alone, as the yardstick does it: not the expiry notices chained after it
                + "\"notices\":{\"after-payout\":false}}}";
        return Map.of(
                "SPRING_DATASOURCE_URL", databases.url(BenchDatabases.JOB),
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

    /** Wall time of the job's steps; partitions of a partitioned step are inside their manager step. */
    private List<StepTiming> jobSteps() {
        return new JdbcTemplate(dataSource(BenchDatabases.JOB)).query("""
                select step_name, extract(epoch from end_time - start_time) * 1000 as millis
                from batch_step_execution where step_name not like '%:%' order by step_execution_id""",
                (rs, row) -> new StepTiming(rs.getString(1), Duration.ofMillis(rs.getLong(2))));
    }

    private ServerActivity activity() throws SQLException {
        return ServerActivity.read(databases.connectionUrl(BenchDatabases.JOB), databases.username(), databases.password());
    }

    private LedgerDigest digest(String database) throws SQLException {
        return LedgerDigest.of(databases.connectionUrl(database), databases.username(), databases.password());
    }

    private DriverManagerDataSource dataSource(String database) {
        return new DriverManagerDataSource(databases.connectionUrl(database), databases.username(), databases.password());
    }
}

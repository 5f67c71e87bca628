package jp.crowdpay.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The benchmark as an operator runs it: databases of its own, the job in a child JVM, one directory
 * for its files. The command itself runs in-process, but where its environment is what is read.
 */
@Tag(Tiers.PROCESS)
class BenchmarkCommandTest {

    /** The tests' own databases, apart from a benchmark run by hand and from another checkout's tests. */
    private static final String PREFIX = TestDatabase.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_") + "_bench";

    @TempDir
    Path work;

    @Test
    void bothYardsticksLeaveTheJobsLedgerAndTheSameBankFileAndTheJobIsComparedWithTheFaster() throws Exception {
        // when
        ChildProcess.Result run = InProcess.run(work.resolve("run-yardsticks"), Map.of(), "benchmark", "--workers", "100",
                "--rewards", "1000", "--database-prefix", PREFIX, "--dir", work.resolve("benchmark").toString());
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("Yardstick bench/yardstick.sql (one transaction):")
                .contains("Yardstick bench/yardstick-tuned.sql (one transaction):")
                .containsPattern("Ratio job / bench/yardstick.sql: [0-9.]+ ")
                .containsPattern("Ratio job / bench/yardstick-tuned.sql: [0-9.]+ ")
                .containsPattern("Ratio job / faster yardstick: [0-9.]+ \\(bench/yardstick(-tuned)?\\.sql\\)")
                .contains("SAME bank file from every yardstick, byte for byte")
                .contains("SAME payouts and reward statuses");
        byte[] naiveFile = Files.readAllBytes(work.resolve("benchmark/yardstick.csv"));
        assertThat(naiveFile).isNotEmpty();
        assertThat(Files.readAllBytes(work.resolve("benchmark/yardstick-tuned.csv"))).isEqualTo(naiveFile);
    }

    @Test
    void withoutTheNaiveYardstickTheJobIsComparedWithTheTunedOneAlone() throws Exception {
        // given
        String prefix = PREFIX + "_tuned";
        // when the benchmark keeps its databases
        ChildProcess.Result run = InProcess.run(work.resolve("run-tuned"), Map.of(), "benchmark", "--workers", "100",
                "--rewards", "1000", "--without-naive", "--keep", "--database-prefix", prefix,
                "--dir", work.resolve("benchmark").toString());
        // then the naive yardstick had neither a run nor a database
        try {
            assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).contains("Yardstick bench/yardstick-tuned.sql (one transaction):")
                    .doesNotContain("Yardstick bench/yardstick.sql")
                    .containsPattern("Ratio job / faster yardstick: [0-9.]+ \\(bench/yardstick-tuned\\.sql\\)")
                    .contains("SAME payouts and reward statuses");
            assertThat(work.resolve("benchmark/yardstick.csv")).doesNotExist();
            assertThat(databasesNamed(prefix)).containsExactly(prefix + "_job", prefix + "_sql_tuned");
        } finally {
            drop(prefix + "_job");
            drop(prefix + "_sql_tuned");
        }
    }

    @Test
    void withoutTheNaiveYardstickButWithoutAnyIsRefused() throws Exception {
        assertThat(refusal("--quick", "--job-only", "--without-naive"))
                .contains("error: --without-naive needs the yardsticks, which --job-only leaves out");
    }

    @Test
    void theDatabasesAreNamedAfterThePrefixOfTheEnvironment() throws Exception {
        // given
        String prefix = PREFIX + "_env";
        // when the benchmark keeps its databases
        ChildProcess.Result run = ChildProcess.run(work.resolve("run-prefix"), Map.of("PAYOUT_BENCH_DB", prefix), "benchmark",
                "--workers", "100", "--rewards", "1000", "--keep", "--job-only", "--dir", work.resolve("benchmark").toString());
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        try {
            assertThat(databasesNamed(prefix)).containsExactly(prefix + "_job");
        } finally {
            drop(prefix + "_job");
        }
    }

    @Test
    void aDatabasePrefixThatIsNoPlainLowerCaseIdentifierIsRefused() throws Exception {
        assertThat(refusal("--quick", "--database-prefix", "Bench-1")).contains("error: --database-prefix: ").contains("Bench-1");
    }

    @Test
    void aBenchmarkOfAnotherLedgerInTheSameDirectoryReplacesTheEarlierBankFile() throws Exception {
        // given a benchmark that left its bank file in the job's outbox
        ChildProcess.Result first = benchmark("1");
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        byte[] firstFile = Files.readAllBytes(bankFile());
        // when another ledger, with another bank file for the same business date, is benchmarked there
        ChildProcess.Result second = benchmark("2");
        // then its job writes its own file instead of refusing to overwrite the earlier one
        assertThat(second.exitCode()).as(second.out() + second.err()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).contains("Rewards in the run's scope: 1,000");
        assertThat(Files.readAllBytes(bankFile())).isNotEqualTo(firstFile);
    }

    @Test
    void theJobStartsOnACheckpointedServerSoThatItPaysForNoEarlierWrites() throws Exception {
        // given
        long before = requestedCheckpoints();
        // when the job runs alone: no copy for a yardstick, whose CREATE DATABASE would checkpoint too
        ChildProcess.Result run = benchmark("3");
        // then
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).doesNotContain("no checkpoint before this contender");
        assertThat(requestedCheckpoints()).isGreaterThan(before);
    }

    @Test
    void platformWritersBesideTheJobHaveTheirWriteTimesPrintedByKindAndByStep() throws Exception {
        // when
        ChildProcess.Result run = InProcess.run(work.resolve("run-writers"), Map.of(), "benchmark", "--workers", "100",
                "--rewards", "1000", "--platform-writers", "2", "--database-prefix", PREFIX,
                "--dir", work.resolve("benchmark").toString());
        // then: the job ran alone, beside the writers, and completed
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("running the job beside 2 platform writers ...")
                .contains("Yardsticks: not run")
                .containsPattern("  worker update +[0-9,]+ ")
                .containsPattern("  bank_account update +[0-9,]+ ")
                .containsPattern("  reward insert +[0-9,]+ ")
                .containsPattern("  during payWorkersStep +[0-9,]+ ")
                .contains("  targets: p99 under 1 s: ")
                .containsPattern("  paying chunks: [0-9]+ transactions")
                .contains("carried forward as ROWS_LOCKED: 0");
    }

    @Test
    void aSlowPlatformRequestWithoutWritersIsRefused() throws Exception {
        assertThat(refusal("--quick", "--platform-hold", "5s")).contains("error: --platform-hold needs --platform-writers");
    }

    /** Runs the benchmark with arguments it must refuse before touching anything; returns what it said on stderr. */
    private String refusal(String... arguments) throws Exception {
        String[] command = new String[arguments.length + 1];
        command[0] = "benchmark";
        System.arraycopy(arguments, 0, command, 1, arguments.length);
        ChildProcess.Result run = InProcess.run(work.resolve("run-refused"), Map.of(), command);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        return run.err();
    }

    private ChildProcess.Result benchmark(String seed) throws Exception {
        return InProcess.run(work.resolve("run-" + seed), Map.of(), "benchmark", "--workers", "100", "--rewards", "1000",
                "--seed", seed, "--job-only", "--database-prefix", PREFIX, "--dir", work.resolve("benchmark").toString());
    }

    private static long requestedCheckpoints() throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
             Statement statement = connection.createStatement();
             var row = statement.executeQuery("select checkpoints_req from pg_stat_bgwriter")) {
            row.next();
            return row.getLong(1);
        }
    }

    private static List<String> databasesNamed(String prefix) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
             var query = connection.prepareStatement("select datname from pg_database where datname like ? order by datname")) {
            query.setString(1, prefix + "\\_%");
            List<String> names = new ArrayList<>();
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }
    }

    private static void drop(String database) throws SQLException {
        try (Connection connection = DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
             Statement statement = connection.createStatement()) {
            // a database name cannot be a bind parameter; this one is the test's own prefix
            statement.execute("drop database if exists " + database + " with (force)");
        }
    }

    /** The one bank file in the job's outbox (the benchmark pays as of today). */
    private Path bankFile() throws IOException {
        try (Stream<Path> files = Files.list(work.resolve("benchmark/job/outbox"))) {
            List<Path> csv = files.filter(file -> file.getFileName().toString().endsWith(".csv")).toList();
            assertThat(csv).hasSize(1);
            return csv.get(0);
        }
    }
}

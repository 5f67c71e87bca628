package jp.crowdpay.jobs.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** The benchmark as an operator runs it: databases of its own, the job in a child JVM, one directory for its files. */
@Tag(Tiers.PROCESS)
class BenchmarkCommandTest {

    @TempDir
    Path work;

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
    void platformWritersBesideTheJobHaveTheirWriteTimesPrintedByKindAndByStep() throws Exception {
        // when
        ChildProcess.Result run = ChildProcess.run(work.resolve("run-writers"), Map.of(), "benchmark", "--workers", "100",
                "--rewards", "1000", "--platform-writers", "2", "--dir", work.resolve("benchmark").toString());
        // then: the job ran alone, beside the writers, and completed
        assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("running the job beside 2 platform writers ...")
                .contains("Yardstick: not run")
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
        // when
        ChildProcess.Result run = ChildProcess.run(work.resolve("run-hold"), Map.of(), "benchmark", "--quick", "--platform-hold", "5s");
        // then
        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).contains("error: --platform-hold needs --platform-writers");
    }

    private ChildProcess.Result benchmark(String seed) throws Exception {
        return ChildProcess.run(work.resolve("run-" + seed), Map.of(), "benchmark", "--workers", "100", "--rewards", "1000",
                "--seed", seed, "--job-only", "--dir", work.resolve("benchmark").toString());
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

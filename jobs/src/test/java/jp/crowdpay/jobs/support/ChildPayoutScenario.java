package jp.crowdpay.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.TreeMap;
import java.util.stream.Stream;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.seed.LedgerSeeder;
import jp.crowdpay.jobs.seed.LedgerSpec;
import jp.crowdpay.jobs.seed.Population;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Payouts run by real child processes over a generated ledger of a few dozen workers, paid in
 * chunks of 5 and settled after the paying step in ranges of about 40 reward ids (eight ranges
 * for the settling's two threads), so that a run spans many transactions; and what an uninterrupted run makes of that ledger, to compare an
 * interrupted and continued run with. The uninterrupted run and the runs that continue an
 * interrupted one run in-process: the ledger they leave is the point, not their process.
 */
public abstract class ChildPayoutScenario extends DatabaseTest {

    protected static final String DATE = "2026-11-02";
    /** Chunks of 5 workers, and the rewards settled at least 40 reward ids per transaction, three ranges per thread at most. */
    protected static final Map<String, String> ENV = Map.of("payout.chunk-size", "5", "payout.marking-range", "40",
            "payout.mark-paid", "by-ranges");
    /** As {@link #ENV}, but each paying chunk marks its own workers' rewards. */
    protected static final Map<String, String> IN_CHUNKS = Map.of("payout.chunk-size", "5", "payout.mark-paid", "in-chunks");
    /** Workers with ids above this one are paid in the later chunks of a run. */
    protected static final int LATER_WORKERS = 20;

    private static Outcome uninterrupted;

    /** The children this test started: none may outlive it, blocked or running against the next test's data. */
    private final List<Process> children = new ArrayList<>();

    @TempDir
    protected Path work;

    @Autowired
    private LedgerSeeder seeder;

    @Autowired
    private JobRepository jobRepository;

    /** The ledger and outbox an uninterrupted run makes of {@link #seedLedger()}; the tables are empty afterwards. */
    public record Outcome(String ledger, Map<String, String> outbox) {
    }

    /** 40 workers of every kind, 400 rewards over the 240 days before {@link #DATE}: some expire, most are paid. */
    protected void seedLedger() {
        seeder.seed(new LedgerSpec(40, 400, 7, LocalDate.parse(DATE), Population.REALISTIC));
    }

    protected Outcome uninterruptedRun() throws Exception {
        if (uninterrupted == null) {
            seedLedger();
            Path directory = work.resolve("uninterrupted");
            ChildProcess.Result result = InProcess.run(directory, ENV, "payout", "--date", DATE);
            assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
            uninterrupted = new Outcome(new LedgerFixture(jdbc).snapshot(), outbox(directory));
            assertThat(uninterrupted.outbox()).hasSize(2);
            startFromEmptyTables();
        }
        return uninterrupted;
    }

    protected Outcome outcome(Path directory) throws IOException {
        return new Outcome(new LedgerFixture(jdbc).snapshot(), outbox(directory));
    }

    /** Every file in the child's outbox, hidden ones included, with the sha256 of its bytes. */
    protected static Map<String, String> outbox(Path workingDirectory) throws IOException {
        Map<String, String> files = new TreeMap<>();
        Path folder = workingDirectory.resolve("outbox");
        if (Files.isDirectory(folder)) {
            try (Stream<Path> listing = Files.list(folder)) {
                for (Path file : (Iterable<Path>) listing::iterator) {
                    files.put(file.getFileName().toString(), Outbox.sha256(file) + " (" + Files.size(file) + " bytes)");
                }
            }
        }
        return files;
    }

    protected Process startPayout(Path directory) throws IOException {
        return start(directory, ENV, "payout", "--date", DATE);
    }

    /** Starts the payout of {@link #DATE} and kills it (kill -9) while it pays the later workers, the earlier chunks committed. */
    protected void killWhilePaying(Path directory) throws Exception {
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id > " + LATER_WORKERS)) {
            killAtBlocker(directory, paying, ENV);
        }
    }

    /** Starts the payout of {@link #DATE} with the environment given and kills it (kill -9) once it waits at the blocker. */
    protected void killAtBlocker(Path directory, Blocker blocker, Map<String, String> environment) throws Exception {
        Process child = start(directory, environment, "payout", "--date", DATE);
        blocker.awaitBlocked(child);
        ChildBackends.killHard(jdbc, child);
    }

    protected Process start(Path directory, Map<String, String> environment, String... args) throws IOException {
        Process child = ChildProcess.start(directory, environment, args);
        children.add(child);
        return child;
    }

    @AfterEach
    void killLeftoverChildren() throws InterruptedException {
        for (Process child : children) {
            if (child.isAlive()) {
                child.destroyForcibly();
                child.waitFor(30, TimeUnit.SECONDS);
            }
        }
    }

    /** The payout of {@link #DATE}, in-process. */
    protected ChildProcess.Result runPayout(Path directory) {
        return InProcess.run(directory, ENV, "payout", "--date", DATE);
    }

    protected long count(String sql) {
        return jdbc.queryForObject(sql, Long.class);
    }

    /** One range of the settling, as the job repository holds it: its partition's name, status and commits, and its reward ids. */
    public record SettlingRange(String name, String status, long commits, long first, long last) {

        public String ids() {
            return "id between " + first + " and " + last;
        }
    }

    /** The settling's ranges of the last execution of the payout, expiry's and marking's, by name. */
    protected List<SettlingRange> settlingRanges() {
        return jdbc.queryForList("""
                select step_execution_id from batch_step_execution
                where step_name like 'settleRewardRangeStep:%'
                  and job_execution_id = (select max(job_execution_id) from batch_job_execution)
                order by step_name""", Long.class).stream()
                .map(jobRepository::getStepExecution)
                .map(range -> new SettlingRange(range.getStepName(), range.getStatus().name(), range.getCommitCount(),
                        range.getExecutionContext().getLong("firstRewardId"), range.getExecutionContext().getLong("lastRewardId")))
                .toList();
    }

    /** The marking's range that holds {@code rewardId}. */
    protected SettlingRange markingRangeHolding(long rewardId) {
        return settlingRanges().stream()
                .filter(range -> range.name().contains(":marking") && range.first() <= rewardId && rewardId <= range.last())
                .findFirst().orElseThrow();
    }
}

package jp.crowdpay.jobs.payout.partitioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.seed.LedgerSeeder;
import jp.crowdpay.jobs.seed.LedgerSpec;
import jp.crowdpay.jobs.seed.Population;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.beans.factory.annotation.Autowired;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The paying step split into worker-id ranges, on local threads and in worker processes over
 * RabbitMQ: whatever the partitioning, the ledger and the bank file are those of the
 * single-threaded run, and a partition cut short is finished without paying anyone twice.
 * The workers are processes of their own, as is a manager killed or read for what it logs; the
 * other runs, whose exit code and ledger are the point, run in-process.
 */
@Tag(Tiers.PROCESS)
class PartitionedPayoutTest extends DatabaseTest {

    private static final int WORKERS = 240;

    @Autowired
    private LedgerSeeder seeder;

    /** What the single-threaded run makes of {@link #seed()}: the seed is deterministic, so made once. */
    private static LocalDate businessDate;
    private static String singleThreadedLedger;
    private static byte[] singleThreadedFile;
    private final String queue = "payout.partitions.test-" + UUID.randomUUID();

    @BeforeEach
    void seedAfterASingleThreadedRun() throws IOException {
        if (singleThreadedLedger == null) {
            businessDate = seeder.today();
            seed();
            assertThat(execute(System.out, System.err, "payout", "--date", businessDate.toString())).isEqualTo(ExitCodes.OK);
            singleThreadedLedger = new LedgerFixture(jdbc).snapshot();
            singleThreadedFile = Files.readAllBytes(Path.of(OUTBOX).resolve(fileName()));
            startFromEmptyTables();
        }
        seed();
    }

    @AfterEach
    void deleteQueue() {
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            new RabbitAdmin(broker).deleteQueue(queue);
        } finally {
            broker.destroy();
        }
    }

    @Test
    void localThreadsPayWhatTheSingleStepPays() throws Exception {
        // when
        ChildProcess.Result run = InProcess.run(dir("local"), settings(3, "local"), "payout", "--date", businessDate.toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertSameAsSingleThreaded("local");
        assertThat(partitionsOfLastExecution()).isEqualTo(3);
    }

    @Test
    void restartReRunsOnlyTheFailedPartition() throws Exception {
        // given: the last partition fails on its first payout
        failOnPayoutOf(WORKERS);
        ChildProcess.Result failed = InProcess.run(dir("failed"), settings(3, "local"), "payout", "--date", businessDate.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        stopFailing();
        // when
        ChildProcess.Result continued = InProcess.run(dir("local"), settings(3, "local"), "payout", "--date", businessDate.toString());
        // then
        assertThat(continued.exitCode()).as(continued.err()).isEqualTo(ExitCodes.OK);
        assertSameAsSingleThreaded("local");
        assertThat(partitionsOfLastExecution()).isEqualTo(1);
    }

    @Test
    void localThreadsSettleTheRangesOfIdsInTurn() throws Exception {
        // when: 720 rewards, the marking's ids 5-720, ranges of at least 100 ids, 3 partitions and so 3 settling threads
        ChildProcess.Result run = InProcess.run(dir("local"), settings(3, "local"), "payout", "--date", businessDate.toString());
        // then: six ranges of 120 ids, not eight of 100 (three, three and two), each in a transaction of its own
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertSameAsSingleThreaded("local");
        assertThat(settlingRanges("marking")).containsExactly("settleRewardRangeStep:marking0 1",
                "settleRewardRangeStep:marking1 1", "settleRewardRangeStep:marking2 1", "settleRewardRangeStep:marking3 1",
                "settleRewardRangeStep:marking4 1", "settleRewardRangeStep:marking5 1");
    }

    /** The settling's ranges of one pass ({@code expiry} or {@code marking}) in the last execution, with their commits. */
    private List<String> settlingRanges(String pass) {
        return jdbc.queryForList("""
                select step_name || ' ' || commit_count from batch_step_execution
                where step_name like 'settleRewardRangeStep:' || ? || '%'
                  and job_execution_id = (select max(job_execution_id) from batch_job_execution)
                order by step_name""", String.class, pass);
    }

    @Test
    void localThreadsThatMarkInTheirChunksPayAndMarkWhatTheSingleStepDoes() throws Exception {
        // when
        ChildProcess.Result run = InProcess.run(dir("local"), settings(3, "local", "5m", "in-chunks"),
                "payout", "--date", businessDate.toString());
        // then: the same ledger and file as the single step that marked by ranges; the settling had no range to mark,
        // only the expiry's, two for each of its three threads
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertSameAsSingleThreaded("local");
        assertThat(jdbc.queryForObject("select marks_paid from payout_run", String.class)).isEqualTo("IN_CHUNKS");
        assertThat(settlingRanges("marking")).isEmpty();
        assertThat(settlingRanges("expiry")).containsExactly("settleRewardRangeStep:expiry0 1",
                "settleRewardRangeStep:expiry1 1", "settleRewardRangeStep:expiry2 1", "settleRewardRangeStep:expiry3 1",
                "settleRewardRangeStep:expiry4 1", "settleRewardRangeStep:expiry5 1");
    }

    @Test
    void aMarkingPartitionThatFailedIsTheOnlyOneRunAgain() throws Exception {
        // given: marking the rewards with ids 605-720 fails: the last range (ranges of 120 ids from 5)
        ChildProcess.Result failed = runWithTestTrigger("before update on reward", "failed",
                "if new.status = 'PAID' and old.id between 605 and 720 then raise exception 'injected failure'; end if;");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(jdbc.queryForObject("select count(*) from reward where status = 'PAID' and id between 605 and 720", Long.class))
                .isZero();
        // when
        ChildProcess.Result continued = InProcess.run(dir("local"), settings(3, "local"), "payout", "--date", businessDate.toString());
        // then: only that range ran again
        assertThat(continued.exitCode()).as(continued.err()).isEqualTo(ExitCodes.OK);
        assertSameAsSingleThreaded("local");
        assertThat(settlingRanges("")).containsExactly("settleRewardRangeStep:marking5 1");
    }

    /** What is simulated: payouts recorded with one reward more than their workers had (a test-only trigger). */
    @Test
    void payoutsMarkedOnFewerRewardsThanTheyPaidStopThePartitionedRunBeforeTheBankFile() throws Exception {
        // when
        ChildProcess.Result run = runWithTestTrigger("before insert on payout", "miscounted",
                "new.reward_count = new.reward_count + 1;");
        // then: every range was settled, and the proof after them failed the step
        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(run.err()).contains("the rewards marked paid are not what the payouts paid: [payout ");
        assertThat(jdbc.queryForObject("select status from batch_step_execution where step_name = 'settleRewardsStep'",
                String.class)).isEqualTo("FAILED");
        assertThat(Files.exists(dir("miscounted").resolve("outbox").resolve(fileName()))).isFalse();
    }

    @Test
    void aFailedSingleStepRunIsContinuedOnlyAsASingleStep() throws Exception {
        // given
        failOnPayoutOf(WORKERS);
        ChildProcess.Result failed = InProcess.run(dir("failed"), settings(1, "local"), "payout", "--date", businessDate.toString());
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        stopFailing();
        // when
        ChildProcess.Result refused = InProcess.run(dir("refused"), settings(3, "local"), "payout", "--date", businessDate.toString());
        ChildProcess.Result continued = InProcess.run(dir("single"), settings(1, "local"), "payout", "--date", businessDate.toString());
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("payout.partitions is now 3");
        assertThat(continued.exitCode()).as(continued.err()).isEqualTo(ExitCodes.OK);
        assertSameAsSingleThreaded("single");
    }

    @Test
    void morePartitionsThanTheConnectionPoolServesAreRefusedAtStart() throws Exception {
        // when
        ChildProcess.Result refused = InProcess.run(dir("refused"), settings(4, "local"), "payout", "--date", businessDate.toString());
        // then: 4 partitions need 10 connections, the pool has 8
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(refused.err()).contains("payout.partitions").contains("maximum-pool-size is 8");
        assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
    }

    @Test
    void workerProcessesPayWhatTheSingleStepPays() throws Exception {
        // given
        Process first = ChildProcess.start(dir("worker-1"), settings(2, "remote"), "worker");
        Process second = ChildProcess.start(dir("worker-2"), settings(2, "remote"), "worker");
        try {
            // when
            ChildProcess.Result run = InProcess.run(dir("remote"), settings(2, "remote"), "payout", "--date", businessDate.toString());
            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertSameAsSingleThreaded("remote");
            assertThat(partitionsOfLastExecution()).isEqualTo(2);
        } finally {
            first.destroy();
            second.destroy();
        }
    }

    @Test
    void workerProcessesThatMarkInTheirChunksPayAndMarkWhatTheSingleStepDoes() throws Exception {
        // given
        Map<String, String> inChunks = settings(2, "remote", "5m", "in-chunks");
        Process first = ChildProcess.start(dir("worker-1"), inChunks, "worker");
        Process second = ChildProcess.start(dir("worker-2"), inChunks, "worker");
        try {
            // when
            ChildProcess.Result run = InProcess.run(dir("remote"), inChunks, "payout", "--date", businessDate.toString());
            // then: the workers marked the rewards of the payouts they recorded; the payout process only expired, three
            // ranges for each of its two threads, and proved
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertSameAsSingleThreaded("remote");
            assertThat(jdbc.queryForObject("select marks_paid from payout_run", String.class)).isEqualTo("IN_CHUNKS");
            assertThat(settlingRanges("marking")).isEmpty();
            assertThat(settlingRanges("expiry")).containsExactly("settleRewardRangeStep:expiry0 1",
                    "settleRewardRangeStep:expiry1 1", "settleRewardRangeStep:expiry2 1", "settleRewardRangeStep:expiry3 1",
                    "settleRewardRangeStep:expiry4 1", "settleRewardRangeStep:expiry5 1");
        } finally {
            first.destroy();
            second.destroy();
        }
    }

    @Test
    void aWorkerKilledMidPartitionIsReplacedAndNobodyIsPaidTwice() throws Exception {
        // given: slow payouts, one worker, and a manager waiting for two partitions
        slowPayouts();
        Process doomed = ChildProcess.start(dir("worker-1"), settings(2, "remote"), "worker");
        Process manager = ChildProcess.start(dir("remote"), settings(2, "remote"), "payout", "--date", businessDate.toString());
        Process replacement = null;
        try {
            awaitPartitionWithCommittedChunks();
            // when: the worker dies mid-partition, and another one comes up
            doomed.destroyForcibly().waitFor();
            stopBeingSlow();
            replacement = ChildProcess.start(dir("worker-2"), settings(2, "remote"), "worker");
            // then
            assertThat(manager.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(manager.exitValue()).isEqualTo(ExitCodes.OK);
            assertSameAsSingleThreaded("remote");
            assertThat(jdbc.queryForObject("select count(*) from (select worker_id from payout group by worker_id having count(*) > 1) twice",
                    Long.class)).isZero();
        } finally {
            doomed.destroyForcibly();
            manager.destroyForcibly();
            if (replacement != null) {
                replacement.destroy();
            }
            stopBeingSlow();
        }
    }

    @Test
    void withNoWorkerTheRunFailsAtTheTimeoutAndTheSameCommandCompletesOnceAWorkerRuns() throws Exception {
        // given no worker, and payout.remote.timeout of 3 s
        Process manager = ChildProcess.start(dir("no-worker"), settings(2, "remote", "3s"), "payout", "--date", businessDate.toString());
        try {
            // when
            boolean gaveUp = manager.waitFor(60, TimeUnit.SECONDS);
            // then
            assertThat(gaveUp).as("the run gave up instead of waiting forever").isTrue();
            assertThat(manager.exitValue()).isEqualTo(ExitCodes.FAILED);
        } finally {
            manager.destroyForcibly();
        }
        assertThat(Files.readString(dir("no-worker").resolve("stderr.txt"))).contains("no worker took a partition",
                "payout.remote.timeout (PT3S)", "2 of 2 partitions wait in queue '" + queue + "'", "run the same command again");
        assertThat(Files.readString(dir("no-worker").resolve("stdout.txt")))
                .contains("payWorkersStep: waiting for 2 of 2 partitions: 2 not taken by a worker yet from queue '" + queue + "'");
        assertThat(jdbc.queryForObject("select count(*) from payout", Long.class)).isZero();
        // and once a worker runs, the same command pays what the single step pays
        Process worker = ChildProcess.start(dir("worker-1"), settings(2, "remote"), "worker");
        try {
            ChildProcess.Result continued = InProcess.run(dir("remote"), settings(2, "remote"), "payout", "--date", businessDate.toString());
            assertThat(continued.exitCode()).as(continued.err()).isEqualTo(ExitCodes.OK);
            assertSameAsSingleThreaded("remote");
            // the failed run's requests, still queued, were dropped without starting their partitions
            assertThat(Files.readString(dir("worker-1").resolve("stdout.txt"))
                    .split("belongs to a job execution that is no longer running: dropped", -1)).hasSize(3);
            assertThat(jdbc.queryForObject("select count(*) from batch_step_execution where exit_message like ?",
                    Long.class, "%request ignored%")).isZero();
        } finally {
            worker.destroy();
        }
    }

    private void seed() {
        seeder.seed(new LedgerSpec(WORKERS, WORKERS * 3L, 7, businessDate, Population.REALISTIC));
    }

    private Map<String, String> settings(int partitions, String partitioning) {
        return settings(partitions, partitioning, "5m");
    }

    private Map<String, String> settings(int partitions, String partitioning, String timeout) {
        return settings(partitions, partitioning, timeout, "by-ranges");
    }

    /**
     * The single-threaded run marked by ranges (one range: its scope is below the default range); so do these, unless told.
     */
    private Map<String, String> settings(int partitions, String partitioning, String timeout, String markPaid) {
        // the settings of DatabaseTest, which made the single-threaded run
        return Map.of("spring.application.json", "{\"payout\":{\"fees\":{\"default\":500,\"by-bank\":{\"0036\":100}},"
                + "\"chunk-size\":2,\"marking-range\":100,\"mark-paid\":\"" + markPaid + "\","
                + "\"partitions\":" + partitions + ",\"partitioning\":\"" + partitioning + "\","
                + "\"remote\":{\"queue\":\"" + queue + "\",\"poll-interval\":\"200ms\",\"timeout\":\"" + timeout + "\"}}}");
    }

    private Path dir(String name) {
        return Path.of("target/partitioned-payout-test", name).toAbsolutePath();
    }

    private String fileName() {
        return "payout-" + businessDate.toString().replace("-", "") + ".csv";
    }

    private void assertSameAsSingleThreaded(String run) throws IOException {
        assertThat(new LedgerFixture(jdbc).snapshot()).isEqualTo(singleThreadedLedger);
        assertThat(Files.readAllBytes(dir(run).resolve("outbox").resolve(fileName()))).isEqualTo(singleThreadedFile);
    }

    private long partitionsOfLastExecution() {
        return jdbc.queryForObject("""
                select count(*) from batch_step_execution
                where step_name like 'payWorkersPartitionStep:%'
                  and job_execution_id = (select max(job_execution_id) from batch_job_execution)""", Long.class);
    }

    private void awaitPartitionWithCommittedChunks() {
        Await.until("a partition has committed two chunks", Duration.ofMinutes(1), () -> jdbc.queryForObject("""
                select count(*) from batch_step_execution
                where step_name like 'payWorkersPartitionStep:%' and status = 'STARTED' and commit_count >= 2""",
                Long.class) > 0);
    }

    /** Runs the payout on 3 local partitions with a test-only row trigger whose body comes before {@code return new}. */
    private ChildProcess.Result runWithTestTrigger(String when, String directory, String body) throws Exception {
        jdbc.execute("create function test_trigger() returns trigger language plpgsql as $$ begin " + body
                + " return new; end $$");
        String table = when.substring(when.lastIndexOf(' ') + 1);
        jdbc.execute("create trigger test_trigger " + when + " for each row execute function test_trigger()");
        try {
            return InProcess.run(dir(directory), settings(3, "local"), "payout", "--date", businessDate.toString());
        } finally {
            jdbc.execute("drop trigger test_trigger on " + table);
            jdbc.execute("drop function test_trigger()");
        }
    }

    private void failOnPayoutOf(long workerId) {
        jdbc.execute("create function fail_on_worker() returns trigger language plpgsql as $$ begin "
                + "if new.worker_id >= " + workerId * 3 / 4 + " then raise exception 'injected failure'; end if; return new; end $$");
        jdbc.execute("create trigger fail_on_worker before insert on payout for each row execute function fail_on_worker()");
    }

    private void stopFailing() {
        jdbc.execute("drop trigger fail_on_worker on payout");
        jdbc.execute("drop function fail_on_worker()");
    }

    private void slowPayouts() {
        jdbc.execute("create function slow_payout() returns trigger language plpgsql as $$ begin "
                + "perform pg_sleep(0.05); return new; end $$");
        jdbc.execute("create trigger slow_payout before insert on payout for each row execute function slow_payout()");
    }

    private void stopBeingSlow() {
        jdbc.execute("drop trigger if exists slow_payout on payout");
        jdbc.execute("drop function if exists slow_payout()");
    }
}

package jp.crowdpay.jobs.payout.paying;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.ChildBackends;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.PlatformSession;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * Real payout processes beside a platform transaction that holds a worker's row: what the night
 * logs while it waits, what the platform's other writes wait (nothing), what the server does with
 * a killed night's sessions, and that a night killed while it waits, partitioned or not, ends in
 * the ledger and files of an uninterrupted night that met the same lock. The nights that are not
 * killed, stopped or read for what they log run in-process.
 */
@Tag(Tiers.PROCESS)
class NightBesideThePlatformTest extends ChildPayoutScenario {

    /** As {@link #ENV}: each try waits up to 3 s, and a worker set aside is tried once more, a second later. */
    private static final Map<String, String> HELD_ALL_NIGHT = with(ENV, Map.of("payout.platform-lock-timeout", "3s",
            "payout.locked-rows.retries", "1", "payout.locked-rows.pause", "1s"));
    /** Long enough for the test to act while the night waits. */
    private static final Map<String, String> WAITS_LONG = Map.of("PAYOUT_CHUNKSIZE", "5", "PAYOUT_PLATFORMLOCKTIMEOUT", "60s");

    /** The uninterrupted night of {@link #seedLedger()} while the platform holds {@link #heldWorker()}'s row all night. */
    private static Outcome heldAllNight;

    private static Map<String, String> with(Map<String, String> environment, Map<String, String> more) {
        Map<String, String> all = new HashMap<>(environment);
        all.putAll(more);
        return Map.copyOf(all);
    }

    /** Workers 1 to 3, each paid on demand at bank 0001, 5,000 yen. */
    private void threePayableWorkers() {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        for (long worker = 1; worker <= 3; worker++) {
            ledger.payableWorker(worker, "0001");
            ledger.reward(worker, 5_000, "2026-11-01");
        }
    }

    @Test
    void whileTheNightWaitsForARowItLogsTheTableAndItsHolderAndThePlatformChangesTheChunksOtherWorkersAtOnce() throws Exception {
        // given: the platform renames worker 2, its transaction open
        threePayableWorkers();
        Path directory = work.resolve("run");
        try (PlatformSession holder = holdingTheRowOf(2);
             PlatformSession other = new PlatformSession().execute("set lock_timeout = '5s'")) {
            Process night = start(directory, WAITS_LONG, "payout", "--date", DATE);
            // when: the chunk of workers 1 to 3 waits for worker 2's row
            Await.until("the night says what it waits for", Duration.ofSeconds(90), night,
                    () -> Files.readString(directory.resolve("stdout.txt")).contains("waiting"));
            // then: the line names the table, the workers, the holder's pid and application name
            assertThat(Files.readString(directory.resolve("stdout.txt")))
                    .containsPattern("payWorkersStep: waiting \\d+ s for a row of worker \\(worker 2 in the chunk of workers 1 to 3\\)"
                            + " held by pid " + holder.pid() + " '" + PlatformSession.APPLICATION_NAME + "' \\(idle in transaction,"
                            + " its transaction open \\d+ s\\); gives up after 60 s");
            // and the platform changes the chunk's other workers without waiting for it (a wait would fail after 5 s)
            other.execute("update worker set withdrawal_method = 'ON_DEMAND', display_name = 'renamed too' where id in (1, 3)");
            other.execute("update bank_account set payee_name = payee_name where worker_id in (1, 3)");
            other.commit();
            assertThat(waitsForALock(night)).as("the night still waits for worker 2").isTrue();
            // when: the holder commits within the timeout
            holder.commit();
            ChildProcess.Result run = ChildProcess.await(night, directory);
            // then: worker 2 is paid in its own chunk, nobody set aside
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).doesNotContain("set aside");
        }
        assertThat(new LedgerFixture(jdbc).payouts(DATE)).extracting(row -> row.get("worker_id")).containsExactly(1L, 2L, 3L);
    }

    @Test
    void aNightKilledWhileItWaitsForARowHasItsSessionsEndedByTheServerWithinSecondsWhileTheRowIsStillHeld() throws Exception {
        // given: a night waiting for worker 2's row
        threePayableWorkers();
        try (PlatformSession holder = holdingTheRowOf(2)) {
            Process night = start(work.resolve("run"), WAITS_LONG, "payout", "--date", DATE);
            Await.until("the night waits for worker 2's row", Duration.ofSeconds(90), night, () -> waitsForALock(night));
            List<Integer> backends = ChildBackends.of(jdbc, night);
            assertThat(backends).isNotEmpty();
            // when: kill -9
            night.destroyForcibly();
            assertThat(night.waitFor(30, TimeUnit.SECONDS)).isTrue();
            // then: the server ends every session of the dead process, the waiting one included, by itself
            Await.until("the killed night's sessions are gone", Duration.ofSeconds(10), () -> jdbc.queryForObject(
                    "select count(*) from pg_stat_activity where pid = any(?)", Long.class, (Object) backends.toArray(Integer[]::new)) == 0);
            assertThat(jdbc.queryForObject("select count(*) from pg_locks where pid = ? and locktype = 'transactionid'",
                    Long.class, holder.pid())).as("the platform's transaction still holds its row").isPositive();
            assertThat(jdbc.queryForObject("select count(*) from pg_locks where locktype = 'advisory'"
                    + " and database = (select oid from pg_database where datname = current_database())", Long.class))
                    .as("the run lock is free for the catch-up").isZero();
        }
    }

    @Test
    void killedWhileItWaitsForARowTheSameCommandEndsInTheLedgerAndFilesOfAnUninterruptedNightThatMetTheSameLock() throws Exception {
        // given
        Outcome expected = heldAllNight();
        seedLedger();
        long held = heldWorker();
        Path directory = work.resolve("killed");
        try (PlatformSession holder = holdingTheRowOf(held)) {
            // when: killed while it waits for the row, at the chunk's try or the later one
            Process night = start(directory, HELD_ALL_NIGHT, "payout", "--date", DATE);
            Await.until("the night waits for worker " + held + "'s row", Duration.ofSeconds(90), night, () -> waitsForALock(night));
            ChildBackends.killHard(jdbc, night);
            ChildProcess.Result rerun = InProcess.run(directory, HELD_ALL_NIGHT, "payout", "--date", DATE);
            // then
            assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        }
        assertThat(outcome(directory)).isEqualTo(expected);
        assertThat(count("select count(*) from payout_exception where reason = 'ROWS_LOCKED' and worker_id = " + held)).isOne();
        assertThat(count("select count(*) from payout_locked_worker")).isZero();
    }

    @Test
    void workerProcessesSetAsideAHeldWorkerAndThePayoutProcessCarriesItForwardAsAnUninterruptedNightDoes() throws Exception {
        // given: the payout process and two worker processes, the platform holding a worker's row all night
        Outcome expected = heldAllNight();
        seedLedger();
        String queue = "payout.partitions.test-" + UUID.randomUUID();
        Map<String, String> remote = with(HELD_ALL_NIGHT, Map.of("payout.partitions", "2", "payout.partitioning", "remote",
                "payout.remote.queue", queue, "payout.remote.poll-interval", "200ms"));
        Path directory = work.resolve("remote");
        try (PlatformSession holder = holdingTheRowOf(heldWorker())) {
            start(work.resolve("worker-1"), remote, "worker");
            start(work.resolve("worker-2"), remote, "worker");
            // when
            ChildProcess.Result run = InProcess.run(directory, remote, "payout", "--date", DATE);
            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        } finally {
            deleteQueue(queue);
        }
        assertThat(outcome(directory)).isEqualTo(expected);
        assertThat(count("select count(*) from batch_step_execution where step_name like 'payWorkersPartitionStep:%'")).isEqualTo(2);
    }

    @Test
    void aWorkerSetAsideByALocalPartitionIsPaidLaterInTheNightWithItsRewardsMarkedAsIfNothingHadHeldIt() throws Exception {
        // given: local partitions whose chunks mark their own rewards; the platform holds a worker's account
        Outcome expected = uninterruptedRun();
        seedLedger();
        long held = heldWorker();
        Path directory = work.resolve("partitions");
        Map<String, String> partitions = with(IN_CHUNKS, Map.of("PAYOUT_PARTITIONS", "2", "PAYOUT_PLATFORMLOCKTIMEOUT", "1s",
                "PAYOUT_LOCKEDROWS_RETRIES", "3", "PAYOUT_LOCKEDROWS_PAUSE", "2s"));
        ChildProcess.Result run;
        try (PlatformSession holder = new PlatformSession()
                .execute("update bank_account set payee_name = payee_name where worker_id = " + held)) {
            Process night = start(directory, partitions, "payout", "--date", DATE);
            // when: the platform commits once the worker is set aside
            Await.until("worker " + held + " is set aside", Duration.ofSeconds(90), night,
                    () -> count("select count(*) from payout_locked_worker where worker_id = " + held) == 1);
            holder.commit();
            run = ChildProcess.await(night, directory);
        }
        // then: paid at a later try, in the try's transaction with its rewards marked; the same ledger and file
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("set aside");
        assertThat(outcome(directory)).isEqualTo(expected);
        assertThat(jdbc.queryForObject("select marks_paid from payout_run", String.class)).isEqualTo("IN_CHUNKS");
        assertThat(count("select count(*) from reward r join payout p on p.id = r.payout_id where p.worker_id = " + held)).isPositive();
    }

    @Test
    void aNightStoppedWhileItPausesBeforeTryingAWorkerAgainEndsStoppedAndTheSameCommandPaysTheWorker() throws Exception {
        // given: worker 2 set aside, its second try 15 s away
        threePayableWorkers();
        Path directory = work.resolve("run");
        Map<String, String> settings = Map.of("payout.chunk-size", "5", "payout.platform-lock-timeout", "1s",
                "payout.locked-rows.retries", "1", "payout.locked-rows.pause", "15s");
        Process night;
        try (PlatformSession holder = holdingTheRowOf(2)) {
            night = start(directory, settings, "payout", "--date", DATE);
            Await.until("the night pauses before worker 2's next try", Duration.ofSeconds(90), night,
                    () -> Files.readString(directory.resolve("stdout.txt")).contains("is tried again in"));
            // when: SIGTERM, and the platform lets go of the row
            night.destroy();
            assertThat(night.waitFor(60, TimeUnit.SECONDS)).as("the night ends by itself").isTrue();
        }
        // then: stopped in the pause, worker 2 still set aside, nothing of it decided
        assertThat(night.exitValue()).isEqualTo(ExitCodes.FAILED);
        assertThat(jdbc.queryForObject("select status from batch_step_execution where step_name = 'payLockedWorkersStep'",
                String.class)).isEqualTo("STOPPED");
        assertThat(jdbc.queryForList("select worker_id || ' ' || tries from payout_locked_worker", String.class))
                .containsExactly("2 1");
        assertThat(new LedgerFixture(jdbc).payouts(DATE)).extracting(row -> row.get("worker_id")).containsExactly(1L, 3L);
        // and the same command tries worker 2 once its pause is over, and pays it
        ChildProcess.Result rerun = InProcess.run(directory, settings, "payout", "--date", DATE);
        assertThat(rerun.exitCode()).as(rerun.err()).isEqualTo(ExitCodes.OK);
        assertThat(new LedgerFixture(jdbc).payouts(DATE)).extracting(row -> row.get("worker_id")).containsExactly(1L, 2L, 3L);
        assertThat(count("select count(*) from payout_locked_worker")).isZero();
    }

    /**
     * The uninterrupted night that the platform's transaction on {@link #heldWorker()} spans: made
     * once; the tables are empty afterwards.
     */
    private Outcome heldAllNight() throws Exception {
        if (heldAllNight == null) {
            seedLedger();
            Path directory = work.resolve("held-all-night");
            ChildProcess.Result run;
            try (PlatformSession holder = holdingTheRowOf(heldWorker())) {
                run = InProcess.run(directory, HELD_ALL_NIGHT, "payout", "--date", DATE);
            }
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(count("select count(*) from payout_exception where reason = 'ROWS_LOCKED'")).isOne();
            heldAllNight = outcome(directory);
            startFromEmptyTables();
        }
        return heldAllNight;
    }

    /** A platform transaction that renames the worker and stays open, holding the worker's row. */
    private static PlatformSession holdingTheRowOf(long workerId) throws SQLException {
        return new PlatformSession().execute("update worker set display_name = 'renamed' where id = " + workerId);
    }

    /** A worker of the later chunks with rewards due on {@link #DATE} in the seeded ledger. */
    private long heldWorker() {
        return count("select min(worker_id) from reward where worker_id > " + LATER_WORKERS
                + " and confirmed_on between date '" + DATE + "' - 180 and date '" + DATE + "'");
    }

    private boolean waitsForALock(Process child) {
        List<Integer> backends = ChildBackends.of(jdbc, child);
        return !backends.isEmpty() && jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                + " and pid = any(?)", Long.class, (Object) backends.toArray(Integer[]::new)) > 0;
    }

    private static void deleteQueue(String queue) {
        CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);
        try {
            new RabbitAdmin(broker).deleteQueue(queue);
        } finally {
            broker.destroy();
        }
    }
}

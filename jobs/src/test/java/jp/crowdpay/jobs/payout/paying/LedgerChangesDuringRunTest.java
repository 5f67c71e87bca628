package jp.crowdpay.jobs.payout.paying;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.Blocker;
import jp.crowdpay.jobs.support.ChildBackends;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The platform at work while a real payout process runs, one worker per chunk: rewards inserted
 * and committed in any order, hand expiries, holds, method and account changes. Each
 * interleaving is made deterministic by stopping the child at a row (a {@link Blocker}) and
 * acting from connections of the test's own, as the platform's would.
 */
@Tag(Tiers.PROCESS)
class LedgerChangesDuringRunTest extends ChildPayoutScenario {

    private static final Map<String, String> ONE_WORKER_PER_CHUNK = Map.of("payout.chunk-size", "1");
    private static final String NEXT_NIGHT = "2026-11-03";

    private LedgerFixture ledger;

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
    }

    /** Workers 1 to {@code count}, each on demand with a valid account and 5,000 yen confirmed before the date. */
    private void payableWorkers(int count) {
        for (long worker = 1; worker <= count; worker++) {
            ledger.payableWorker(worker, "0001");
            ledger.reward(worker, 5_000, "2026-11-01");
        }
    }

    /** A connection of the platform's: not the payout job's. */
    private static Connection platform() throws SQLException {
        return DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
    }

    private static long insertReward(Connection connection, long workerId, long yen) throws SQLException {
        try (var insert = connection.prepareStatement(
                "insert into reward (worker_id, amount_yen, confirmed_on) values (?, ?, date '2026-11-01') returning id")) {
            insert.setLong(1, workerId);
            insert.setLong(2, yen);
            try (var rs = insert.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    @FunctionalInterface
    private interface Meanwhile {
        void act() throws Exception;
    }

    /** The payout of {@link #DATE}, one worker per chunk, stopped inside the chunk that pays the worker while the platform acts. */
    private ChildProcess.Result payStoppedAt(long workerId, Meanwhile platformActs) throws Exception {
        Path directory = work.resolve("run");
        try (Blocker paying = Blocker.before("insert", "payout", "new.worker_id = " + workerId)) {
            Process child = start(directory, ONE_WORKER_PER_CHUNK, "payout", "--date", DATE);
            paying.awaitBlocked(child);
            platformActs.act();
            paying.release();
            return ChildProcess.await(child, directory);
        }
    }

    @Test
    void aRewardCommittedAfterTheRunOpenedIsLeftForTheNextNightWhateverItsIdAndTheRunCompletes() throws Exception {
        // given: three payable workers
        payableWorkers(3);
        try (Connection late = platform(); Connection early = platform()) {
            // a transaction takes id N for worker 3's reward and commits only while the run pays;
            // another takes id N + 1 for worker 2's and commits before the run opens
            late.setAutoCommit(false);
            long lateReward = insertReward(late, 3, 1_500);
            long earlyReward = insertReward(early, 2, 800);
            assertThat(lateReward).isLessThan(earlyReward);
            // when
            ChildProcess.Result run = payStoppedAt(1, late::commit);
            // then: the run covered what it saw when it opened, and completed
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(ledger.status(earlyReward)).isEqualTo("PAID");
            assertThat(ledger.status(lateReward)).isEqualTo("UNPAID");
            assertThat(ledger.payouts(DATE)).extracting(row -> row.get("worker_id"), row -> row.get("gross_yen"))
                    .containsExactly(tuple(1L, 5_000L), tuple(2L, 5_800L), tuple(3L, 5_000L));
            // and the next night pays what arrived late
            ChildProcess.Result next = InProcess.run(work.resolve("next"), ONE_WORKER_PER_CHUNK, "payout", "--date", NEXT_NIGHT);
            assertThat(next.exitCode()).as(next.err()).isEqualTo(ExitCodes.OK);
            assertThat(ledger.status(lateReward)).isEqualTo("PAID");
        }
    }

    @Test
    void expiringARewardByHandWhileARunCoversItIsRefusedNamingTheRewardAndTheRunAndTheRunCompletes() throws Exception {
        // given: a run stopped while it pays worker 1
        payableWorkers(2);
        long reward = jdbc.queryForObject("select id from reward where worker_id = 2", Long.class);
        try (Connection platform = platform()) {
            // when
            ChildProcess.Result run = payStoppedAt(1, () -> {
                long runId = count("select id from payout_run");
                assertThatThrownBy(() -> execute(platform, "update reward set status = 'EXPIRED', expired_by_run_id = "
                        + runId + " where id = " + reward))
                        .hasMessageContaining("reward " + reward)
                        .hasMessageContaining("payout run " + runId + " (" + DATE + ")");
            });
            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(ledger.status(reward)).isEqualTo("PAID");
        }
    }

    @Test
    void aRunOpensOnlyAfterAStatusChangeInFlightHasCommittedAndCountsItAsCommitted() throws Exception {
        // given: an earlier night, and a hand expiry of worker 2's reward not yet committed
        payableWorkers(2);
        long earlierRun = completedEarlierRun();
        long reward = jdbc.queryForObject("select id from reward where worker_id = 2", Long.class);
        Path directory = work.resolve("run");
        ChildProcess.Result run;
        try (Connection platform = platform()) {
            platform.setAutoCommit(false);
            execute(platform, "update reward set status = 'EXPIRED', expired_by_run_id = " + earlierRun + " where id = " + reward);
            // when: the run starts, and waits to open until the expiry commits (up to a minute here)
            Process child = start(directory, Map.of("PAYOUT_CHUNKSIZE", "1", "PAYOUT_PLATFORMLOCKTIMEOUT", "60s"),
                    "payout", "--date", DATE);
            Await.until("the run waits for the hand expiry to commit", Duration.ofSeconds(60), child,
                    () -> waitsForALock(child));
            assertThat(count("select count(*) from payout_run where business_date = date '" + DATE + "'")).isZero();
            platform.commit();
            run = ChildProcess.await(child, directory);
        }
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.status(reward)).isEqualTo("EXPIRED");
        assertThat(jdbc.queryForMap("select unpaid_before_count, unpaid_after_count from payout_run where business_date = ?::date",
                DATE)).containsEntry("unpaid_before_count", 1L).containsEntry("unpaid_after_count", 0L);
    }

    @Test
    void aRepeatableReadTransactionOlderThanTheRunCannotChangeTheStatusOfARewardTheRunCovers() throws Exception {
        // given: a repeatable-read transaction that took its snapshot before the run opened
        payableWorkers(2);
        long earlierRun = completedEarlierRun();
        long reward = jdbc.queryForObject("select id from reward where worker_id = 2", Long.class);
        try (Connection platform = platform()) {
            platform.setAutoCommit(false);
            platform.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            execute(platform, "select count(*) from payout_run");
            // when: it expires a reward of the run's scope; its snapshot does not show the run
            ChildProcess.Result run = payStoppedAt(1, () -> {
                assertThatThrownBy(() -> execute(platform, "update reward set status = 'EXPIRED', expired_by_run_id = "
                        + earlierRun + " where id = " + reward))
                        .isInstanceOf(SQLException.class)
                        .satisfies(refused -> assertThat(((SQLException) refused).getSQLState()).isEqualTo("40001"));
                platform.rollback();
            });
            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(ledger.status(reward)).isEqualTo("PAID");
        }
    }

    @Test
    void holdsMethodsAndAccountsCommittedBeforeTheChunkThatPaysTheWorkerAreHonoured() throws Exception {
        // given: a run stopped while it pays worker 1 of 4
        payableWorkers(4);
        try (Connection platform = platform()) {
            // when: the platform puts worker 2 on hold, switches worker 3 to carry-over, changes worker 4's account
            ChildProcess.Result run = payStoppedAt(1, () -> {
                execute(platform, "update worker set payout_hold = true where id = 2");
                execute(platform, "update worker set withdrawal_method = 'CARRY_OVER' where id = 3");
                execute(platform, "update bank_account set account_number = '7777777', payee_name = 'ｱﾀﾗｼｲ' where worker_id = 4");
            });
            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        }
        assertThat(jdbc.queryForList("select worker_id || ' ' || account_number || ' ' || payee_name from payout order by worker_id",
                String.class)).containsExactly("1 0000001 ﾃｽﾄ ﾀﾛｳ", "4 7777777 ｱﾀﾗｼｲ");
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason from payout_exception", String.class))
                .containsExactly("2 PAYOUT_HOLD");
        assertThat(count("select workers from payout_run_tally where outcome = 'CARRY_OVER_METHOD'")).isOne();
        assertThat(Files.readString(work.resolve("run/outbox/payout-20261102.csv"), Charset.forName("Windows-31J")))
                .isEqualTo("0001,101,1,0000001,ﾃｽﾄ ﾀﾛｳ,5000,0000000001\r\n0001,101,1,7777777,ｱﾀﾗｼｲ,5000,0000000004\r\n");
    }

    @Test
    void aChangeToAWorkerWhoseChunkIsBeingPaidWaitsUntilThatChunkCommits() throws Exception {
        // given: a run stopped inside the chunk that pays worker 2
        payableWorkers(2);
        try (Connection platform = platform()) {
            CompletableFuture<Void> hold = new CompletableFuture<>();
            // when: the platform puts worker 2 on hold meanwhile
            ChildProcess.Result run = payStoppedAt(2, () -> {
                CompletableFuture.runAsync(() -> {
                    try {
                        execute(platform, "update worker set payout_hold = true where id = 2");
                        hold.complete(null);
                    } catch (SQLException e) {
                        hold.completeExceptionally(e);
                    }
                });
                Await.until("the hold waits for the chunk", Duration.ofSeconds(30),
                        () -> count("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                                + " and datname = current_database() and query like 'update worker set payout_hold%'") == 1);
                assertThat(hold).isNotDone();
            });
            hold.get(30, TimeUnit.SECONDS);
            // then: the chunk paid the worker as the ledger stood when it committed; the hold applies from then on
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        }
        assertThat(ledger.payouts(DATE)).extracting(row -> row.get("worker_id")).containsExactly(1L, 2L);
        assertThat(count("select count(*) from worker where id = 2 and payout_hold")).isOne();
    }

    /**
     * What used to deadlock: the chunk of workers 1 and 2 held both workers' rows while it waited
     * for worker 2's account, which the platform held; the platform then went on to worker 2's row.
     * Now the chunk holds nothing while it waits.
     */
    @Test
    void whileAChunkWaitsForAnAccountThePlatformChangesTheOtherRowsOfItsWorkersAtOnceAndTheChunkHonoursThem() throws Exception {
        // given: the platform is changing worker 2's bank account, its transaction still open
        payableWorkers(2);
        Path directory = work.resolve("run");
        try (Connection platform = platform(); Connection elsewhere = platform()) {
            platform.setAutoCommit(false);
            execute(platform, "update bank_account set payee_name = payee_name where worker_id = 2");
            Process child = start(directory, Map.of("PAYOUT_CHUNKSIZE", "2", "PAYOUT_PLATFORMLOCKTIMEOUT", "60s"),
                    "payout", "--date", DATE);
            Await.until("the chunk waits for worker 2's account", Duration.ofSeconds(60), child, () -> waitsForALock(child));
            // when: the platform puts worker 2 on hold in the same transaction, and renames worker 1 in another
            // (a wait on the chunk would fail them here, not hang the test)
            execute(platform, "set lock_timeout = '5s'");
            execute(elsewhere, "set lock_timeout = '5s'");
            execute(platform, "update worker set payout_hold = true where id = 2");
            execute(elsewhere, "update worker set display_name = 'renamed' where id = 1");
            // then: neither waited for the chunk, which still waits
            assertThat(waitsForALock(child)).isTrue();
            platform.commit();
            ChildProcess.Result run = ChildProcess.await(child, directory);
            // and the chunk took the rows again once they were free, and honoured the hold that committed before it
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(run.out()).doesNotContain("concurrent change").doesNotContain("set aside");
        }
        assertThat(ledger.payouts(DATE)).extracting(row -> row.get("worker_id")).containsExactly(1L);
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason from payout_exception", String.class))
                .containsExactly("2 PAYOUT_HOLD");
    }

    /** A completed night before {@link #DATE}, for hand expiries to name (expired_by_run_id). */
    private long completedEarlierRun() {
        return jdbc.queryForObject("""
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen,
                                        unpaid_after_count, unpaid_after_yen, completed_at)
                values (date '2026-10-01', 0, 0, 0, 0, 0, now()) returning id""", Long.class);
    }

    private boolean waitsForALock(Process child) {
        List<Integer> backends = ChildBackends.of(jdbc, child);
        return !backends.isEmpty() && count("select count(*) from pg_stat_activity where wait_event_type = 'Lock' and pid = any('"
                + backends.toString().replace('[', '{').replace(']', '}') + "'::int[])") > 0;
    }
}

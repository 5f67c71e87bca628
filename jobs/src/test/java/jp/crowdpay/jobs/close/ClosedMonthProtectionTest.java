package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.Await;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.TestDatabase;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataAccessException;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * A closed month's figures never change: the database refuses whatever would change them, from
 * anyone; a reward dated in it that arrives later is booked by the next close. October's ledger:
 * worker 1 (bank 0036, fee 100) 5,000 yen on 10-30, paid by the night of 10-30; worker 2
 * (carry-over) 2,000 yen on 10-30, owed at October's end. The nights began on 10-30.
 */
@Tag(Tiers.PROCESS)
class ClosedMonthProtectionTest extends DatabaseTest {

    @TempDir
    Path inbox;

    private CloseFixture close;

    @BeforeEach
    void october() {
        close = new CloseFixture(this::executeCapturing, jdbc, inbox);
        close.ledger().payableWorker(1, "0036").worker(2, "CARRY_OVER");
        close.ledger().reward(1, 5_000, "2026-10-30");
        close.ledger().reward(2, 2_000, "2026-10-30");
        close.nights("2026-10-30", "2026-10-31");
    }

    private void octoberClosed() {
        close.closed("2026-10", "--missed-nights", "2026-10-01..2026-10-29");
    }

    /** A connection as support staff or another system has it: not one of the payout's own. */
    private static Connection others() throws SQLException {
        return DriverManager.getConnection(TestDatabase.url(), TestDatabase.username(), "");
    }

    private static void othersExecute(String sql) throws SQLException {
        try (Connection connection = others(); Statement statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }

    private static final String OCTOBER_31 = "(select id from payout_run where business_date = '2026-10-31')";

    @Test
    void aRewardCannotBeSettledByANightOfAClosedMonth() {
        // given
        octoberClosed();
        long reward = jdbc.queryForObject("select id from reward where worker_id = 2", Long.class);
        // when / then
        assertThatThrownBy(() -> othersExecute("update reward set status = 'EXPIRED', expired_by_run_id = " + OCTOBER_31
                + " where worker_id = 2"))
                .hasMessageContaining("reward " + reward + " can be settled only by a night of the open month: the night of"
                        + " 2026-10-31 is in a closed month (the books are closed through 2026-10-31), whose figures never change");
        assertThatThrownBy(() -> othersExecute("insert into reward (worker_id, amount_yen, confirmed_on, status, expired_by_run_id)"
                + " values (2, 10, '2026-05-01', 'EXPIRED', " + OCTOBER_31 + ")"))
                .hasMessageContaining("can be settled only by a night of the open month: the night of 2026-10-31 is in a closed month");
        assertThat(close.ledger().status(reward)).isEqualTo("UNPAID");
    }

    @Test
    void theNightsAndPayoutsOfAClosedMonthAndTheCloseItselfNeverChange() {
        // given
        octoberClosed();
        String recorded = close.recorded("2026-10");
        // when / then: as anyone else
        assertThatThrownBy(() -> othersExecute("update payout set fee_yen = 0, amount_yen = gross_yen where worker_id = 1"))
                .hasMessageContaining("the payout of worker 1 cannot change or go: the night of 2026-10-30 is in a closed month");
        assertThatThrownBy(() -> othersExecute("delete from payout where worker_id = 1"))
                .hasMessageContaining("the payout of worker 1 cannot change or go");
        // and as the payout's own connections
        assertThatThrownBy(() -> jdbc.update("update payout_run set unpaid_after_yen = 0, unpaid_after_count = 0"
                + " where business_date = '2026-10-31'"))
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("the night of 2026-10-31 cannot be opened or changed: the books are closed through 2026-10-31");
        assertThatThrownBy(() -> othersExecute("delete from payout_run where business_date = '2026-10-31'"))
                .hasMessageContaining("the night of 2026-10-31 cannot be opened or changed");
        assertThatThrownBy(() -> jdbc.update("insert into payout_run (business_date, reward_watermark, unpaid_before_count,"
                + " unpaid_before_yen) values ('2026-10-15', 0, 0, 0)"))
                .hasMessageContaining("the night of 2026-10-15 cannot be opened or changed");
        assertThatThrownBy(() -> jdbc.update("update closed_month set closing_yen = 0, night_unpaid_yen = 0"))
                .hasMessageContaining("the close of 2026-10 is final but for recording its journal once");
        assertThatThrownBy(() -> jdbc.update("delete from closed_month_day where business_date = '2026-10-30'"))
                .hasMessageContaining("closed_month_day rows are final and cannot be changed or deleted");
        assertThat(close.recorded("2026-10")).isEqualTo(recorded);
    }

    @Test
    void aReturnDatedInAClosedMonthIsBookedOnTheFirstDayOfTheNextMonthToClose() throws Exception {
        // given: October closed; then the transfer of 10-30 is reported returned on 10-31
        octoberClosed();
        String october = close.recorded("2026-10");
        close.returned("2026-10-31", "payout-20261030.csv,0000000001,0036,101,0000001,4900,3,解約済");
        close.night("2026-11-30");
        // when
        Captured november = close.close("2026-11", "--missed-nights", "2026-11-01..2026-11-29");
        // then: 2,000 owed at October's end + 4,900 re-credited, dated in October: 6,900, what the night of 11-30 left unpaid
        assertThat(november.exitCode()).as(november.err()).isZero();
        assertThat(november.out())
                .contains("  opening liability                      2,000 yen in 1 reward   the closing of 2026-10")
                .contains("  + arrived late, re-credited            4,900 yen in 1 reward   returned transfers dated in a closed month")
                .contains("  = closing liability                    6,900 yen in 2 rewards");
        assertThat(close.recorded("2026-11")).startsWith("[1 2000 late 0 0 1 4900 0 closing 2 6900 night 2 6900 arrived 0 0");
        assertThat(close.recorded("2026-10")).isEqualTo(october);
        assertThat(Files.readAllLines(Path.of(OUTBOX, "journal", "journal-202611.csv"), CloseFixture.CP932)).containsExactly(
                "2000,,,2026/11/01,普通預金,,,対象外,4900,,未払金,,,対象外,4900,,組戻し再計上(締め済み月の日付) 1件,,,0,,,0,0,no");
    }

    @Test
    void aChangeInFlightWhenTheCloseStartsIsWaitedForAndCountedAsItEndedUp() throws Exception {
        // given: someone expires worker 2's reward by hand with October's last night, not yet committed
        try (Connection support = others(); Statement statement = support.createStatement()) {
            support.setAutoCommit(false);
            statement.executeUpdate("update reward set status = 'EXPIRED', expired_by_run_id = " + OCTOBER_31
                    + " where worker_id = 2");
            // when: October's close starts meanwhile, and the change commits while the close waits for it
            CompletableFuture<Captured> closing = CompletableFuture.supplyAsync(
                    () -> close.close("2026-10", "--missed-nights", "2026-10-01..2026-10-29"));
            Await.until("the close waits for the change in flight", Duration.ofSeconds(60), () -> jdbc.queryForObject(
                    "select count(*) from pg_locks where relation = 'month_close_guard'::regclass and not granted",
                    Long.class) > 0);
            support.commit();
            Captured closed = closing.get(60, TimeUnit.SECONDS);
            // then: the close read the ledger after the change: it sees the expiry the night of 10-31 never recorded
            assertThat(closed.exitCode()).isEqualTo(ExitCodes.USAGE);
            assertThat(closed.err()).contains("the night of 2026-10-31 recorded 0 yen in 0 rewards expired but the rewards"
                    + " expired by it are 2,000 yen in 1 reward");
        }
    }

    @Test
    void aRepeatableReadTransactionOlderThanTheCloseCannotSettleARewardInTheClosedMonth() throws Exception {
        // given: someone's repeatable-read transaction reads the ledger before October closes (the guard row is the migration's)
        jdbc.update("insert into month_close_guard default values on conflict do nothing");
        try (Connection support = others(); Statement statement = support.createStatement()) {
            support.setAutoCommit(false);
            support.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            statement.executeQuery("select count(*) from reward").close();
            // when: October closes meanwhile, then that transaction expires the reward with October's last night
            octoberClosed();
            // then
            assertThatThrownBy(() -> statement.executeUpdate("update reward set status = 'EXPIRED', expired_by_run_id = "
                    + OCTOBER_31 + " where worker_id = 2"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("could not serialize access due to concurrent update");
            support.rollback();
        }
        assertThat(jdbc.queryForObject("select status from reward where worker_id = 2", String.class)).isEqualTo("UNPAID");
    }
}

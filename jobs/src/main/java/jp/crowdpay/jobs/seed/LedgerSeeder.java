package jp.crowdpay.jobs.seed;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import javax.sql.DataSource;
import jp.crowdpay.jobs.payout.rules.RewardDeadline;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import org.postgresql.PGConnection;
import org.springframework.stereotype.Component;

/**
 * Loads a generated ledger into an empty database in one transaction: either the whole ledger
 * is there afterwards, or nothing is.
 */
@Component
public class LedgerSeeder {

    private final DataSource dataSource;
    private final ZoneId zone;
    private final RewardDeadline deadline;

    public LedgerSeeder(DataSource dataSource, PayoutProperties settings) {
        this.dataSource = dataSource;
        this.zone = settings.zone();
        this.deadline = settings.rewardDeadline();
    }

    /** Today in the configured zone: the business date of a run started now. */
    public LocalDate today() {
        return LocalDate.now(zone);
    }

    /** @throws LedgerNotEmptyException if worker or reward has rows; nothing is changed then */
    public SeedSummary seed(LedgerSpec spec) {
        return seed(spec, RewardLayout.CLUSTERED);
    }

    /** The same, with the reward ids laid out as given. */
    public SeedSummary seed(LedgerSpec spec, RewardLayout layout) {
        long started = System.nanoTime();
        LedgerGenerator generator = new LedgerGenerator(spec);
        SeedSummary summary = new SeedSummary(spec, deadline);
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                requireEmpty(connection);
                DeferredIndexes rewardIndexes = DeferredIndexes.drop(connection, "reward");
                load(connection.unwrap(PGConnection.class), generator, layout, summary);
                rewardIndexes.rebuild();
                continueRewardIdsAfter(connection, spec.rewards());
                // fresh statistics, or the first payout over millions of new rows plans blind
                try (Statement analyze = connection.createStatement()) {
                    analyze.execute("analyze worker, bank_account, reward");
                }
                connection.commit();
            } catch (RuntimeException | SQLException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("seeding failed, nothing was written: " + e.getMessage(), e);
        }
        summary.took(Duration.ofNanos(System.nanoTime() - started));
        return summary;
    }

    private static void requireEmpty(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // held to the commit: no one writes a row between our check and our load
            statement.execute("lock table worker, bank_account, reward in share row exclusive mode");
            try (ResultSet rows = statement.executeQuery(
                    "select exists (select 1 from worker), exists (select 1 from reward)")) {
                rows.next();
                boolean workers = rows.getBoolean(1);
                boolean rewards = rows.getBoolean(2);
                if (workers || rewards) {
                    throw new LedgerNotEmptyException("the ledger is not empty (" + (workers ? "worker has rows" : "")
                            + (workers && rewards ? ", " : "") + (rewards ? "reward has rows" : "")
                            + "): seed fills an empty ledger only, so nothing was changed");
                }
            }
        }
    }

    private static void load(PGConnection connection, LedgerGenerator generator, RewardLayout layout,
                             SeedSummary summary) throws SQLException {
        try (CopyWriter copy = new CopyWriter(connection,
                "copy worker (id, display_name, withdrawal_method, payout_hold) from stdin")) {
            generator.workers(worker -> {
                summary.count(worker);
                copy.field(worker.id()).field(worker.displayName()).field(worker.withdrawalMethod().name())
                        .field(worker.payoutHold()).endRow();
            });
        }
        try (CopyWriter copy = new CopyWriter(connection,
                "copy bank_account (worker_id, bank_code, branch_code, account_type, account_number, payee_name) from stdin")) {
            generator.bankAccounts(account -> {
                summary.count(account);
                copy.field(account.workerId()).field(account.bankCode()).field(account.branchCode())
                        .field(account.accountType()).field(account.accountNumber()).field(account.payeeName()).endRow();
            });
        }
        try (CopyWriter copy = new CopyWriter(connection,
                "copy reward (id, worker_id, amount_yen, confirmed_on) from stdin")) {
            generator.rewards(layout, (id, workerId, amountYen, confirmedOn) -> {
                summary.countReward(amountYen, confirmedOn);
                copy.field(id).field(workerId).field(amountYen).field(confirmedOn).endRow();
            });
        }
    }

    /** The rows came with explicit ids; the platform's next reward without one must not collide with them. */
    private static void continueRewardIdsAfter(Connection connection, long lastId) throws SQLException {
        if (lastId == 0) {
            return;
        }
        try (PreparedStatement statement = connection.prepareStatement(
                "select setval(pg_get_serial_sequence('reward', 'id'), ?)")) {
            statement.setLong(1, lastId);
            statement.executeQuery().close();
        }
    }
}

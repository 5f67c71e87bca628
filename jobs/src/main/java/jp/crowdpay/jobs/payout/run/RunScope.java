package jp.crowdpay.jobs.payout.run;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.postgresql.util.PGobject;

/**
 * The rewards a run covers, stated once for every statement that reads or settles them: unpaid,
 * confirmed on or before the business date, and committed when the run opened, that is inserted
 * by a transaction that the snapshot recorded at the opening shows committed. Rewards committed
 * later wait for the next night, whatever their ids. Rows older than the snapshots (no
 * inserted_xid) are covered up to the watermark, which is how runs opened before snapshots
 * were recorded (no snapshot) still see exactly what they saw. The database's guard on status
 * changes states the same scope (sql/V9__run_scope_by_snapshot.sql).
 */
public final class RunScope {

    /** Conditions on the reward table aliased {@code r}; bind with {@link #bind} or {@link #parameters}. */
    public static final String UNPAID_REWARDS = "r.status = 'UNPAID' and r.confirmed_on <= ?"
            + " and (r.inserted_xid is null and r.id <= ? or pg_visible_in_snapshot(r.inserted_xid, ?))";

    /**
     * {@link #UNPAID_REWARDS} less those that expire tonight: what the run pays from. The expired
     * ones are settled with the paid ones, range by range, after the paying step; until then they
     * stay unpaid, and out of every balance. Bind with {@link #bindPayable} or {@link #payableParameters}.
     */
    public static final String PAYABLE_REWARDS = UNPAID_REWARDS + " and r.confirmed_on >= ?";

    private RunScope() {
    }

    /** The values of {@link #PAYABLE_REWARDS}'s placeholders, in order. */
    public static Object[] payableParameters(PayoutRun run) {
        return new Object[] {run.businessDate(), run.rewardWatermark(), snapshot(run), cutoff(run)};
    }

    /** Binds {@link #PAYABLE_REWARDS}'s placeholders from {@code index} on; returns the next free index. */
    public static int bindPayable(PreparedStatement statement, int index, PayoutRun run) throws SQLException {
        int next = bind(statement, index, run);
        statement.setObject(next, cutoff(run));
        return next + 1;
    }

    private static Object cutoff(PayoutRun run) {
        if (run.expiresConfirmedBefore() == null) {
            throw new IllegalStateException("the run of " + run.businessDate() + " has no expiry cut-off");
        }
        return run.expiresConfirmedBefore();
    }

    /** The values of {@link #UNPAID_REWARDS}'s placeholders, in order. */
    public static Object[] parameters(PayoutRun run) {
        return new Object[] {run.businessDate(), run.rewardWatermark(), snapshot(run)};
    }

    /** Binds {@link #UNPAID_REWARDS}'s placeholders from {@code index} on; returns the next free index. */
    public static int bind(PreparedStatement statement, int index, PayoutRun run) throws SQLException {
        statement.setObject(index, run.businessDate());
        statement.setLong(index + 1, run.rewardWatermark());
        if (run.scopeSnapshot() == null) {
            statement.setNull(index + 2, Types.OTHER);
        } else {
            statement.setObject(index + 2, snapshot(run));
        }
        return index + 3;
    }

    /** Sent typed, so that the server parses the snapshot once per statement, not once per row. */
    private static PGobject snapshot(PayoutRun run) {
        if (run.scopeSnapshot() == null) {
            return null;
        }
        try {
            PGobject snapshot = new PGobject();
            snapshot.setType("pg_snapshot");
            snapshot.setValue(run.scopeSnapshot());
            return snapshot;
        } catch (SQLException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}

package jp.crowdpay.jobs.payout;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The rewards a run covers, stated once for every statement that reads or settles them: unpaid,
 * confirmed on or before the business date, and already in the ledger when the run opened
 * (id at most the run's watermark). Rewards that arrive later wait for the next night.
 */
final class RunScope {

    /** Conditions on the reward table aliased {@code r}; bind with {@link #bind} or {@link #parameters}. */
    static final String UNPAID_REWARDS = "r.status = 'UNPAID' and r.confirmed_on <= ? and r.id <= ?";

    private RunScope() {
    }

    /** The values of {@link #UNPAID_REWARDS}'s placeholders, in order. */
    static Object[] parameters(PayoutRun run) {
        return new Object[] {run.businessDate(), run.rewardWatermark()};
    }

    /** Binds {@link #UNPAID_REWARDS}'s placeholders from {@code index} on; returns the next free index. */
    static int bind(PreparedStatement statement, int index, PayoutRun run) throws SQLException {
        statement.setObject(index, run.businessDate());
        statement.setLong(index + 1, run.rewardWatermark());
        return index + 2;
    }
}

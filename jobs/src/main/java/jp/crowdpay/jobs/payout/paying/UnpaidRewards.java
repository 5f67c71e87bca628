package jp.crowdpay.jobs.payout.paying;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import jp.crowdpay.jobs.payout.run.RunScope;

/** A worker's unpaid rewards in the run's scope that do not expire tonight, as read: how many, and their yen (a sum that may pass a long). */
record UnpaidRewards(long workerId, int rewardCount, BigInteger yen) {

    /** Per worker; append conditions on {@code r}, then {@link #GROUPED}. Binds {@link RunScope#PAYABLE_REWARDS}'s placeholders first. */
    static final String SELECT = "select r.worker_id, count(*) as reward_count, sum(r.amount_yen) as balance_yen"
            + " from reward r where " + RunScope.PAYABLE_REWARDS;
    static final String GROUPED = " group by r.worker_id order by r.worker_id";

    static UnpaidRewards map(ResultSet rs, int row) throws SQLException {
        return new UnpaidRewards(rs.getLong("worker_id"), rs.getInt("reward_count"),
                rs.getBigDecimal("balance_yen").toBigIntegerExact());
    }
}

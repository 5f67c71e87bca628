package jp.crowdpay.jobs.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * An order-independent fingerprint of what a payout leaves behind: every payout row, and every
 * reward's status with the worker of the payout that paid it (payout ids differ between the
 * two runs, the workers they pay must not). Sums of row hashes rather than one md5 over an
 * ordered aggregate: at 30M rewards that text would not fit in memory.
 */
record LedgerDigest(String payouts, String rewards) {

    private static final String PAYOUTS = """
            select count(*), coalesce(sum(amount_yen), 0), coalesce(sum(fee_yen), 0),
                   coalesce(sum(hashtextextended(concat_ws(',', worker_id, reward_count, gross_yen, fee_yen, amount_yen,
                       bank_code, branch_code, account_type, account_number, payee_name), 0)::numeric), 0)
            from payout""";
    private static final String REWARDS = """
            select string_agg(line, '; ' order by line) from (
                select r.status || ' ' || count(*) || ' rewards ' || sum(r.amount_yen) || ' yen #'
                       || sum(hashtextextended(concat_ws(',', r.id, r.status, p.worker_id), 0)::numeric) as line
                from reward r left join payout p on p.id = r.payout_id
                group by r.status) statuses""";

    static LedgerDigest of(String url, String username, String password) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url, username, password);
             Statement statement = connection.createStatement()) {
            String payouts;
            try (ResultSet row = statement.executeQuery(PAYOUTS)) {
                row.next();
                payouts = row.getLong(1) + " payouts " + row.getLong(2) + " yen fees " + row.getLong(3)
                        + " yen #" + row.getBigDecimal(4);
            }
            try (ResultSet row = statement.executeQuery(REWARDS)) {
                row.next();
                return new LedgerDigest(payouts, row.getString(1));
            }
        }
    }
}

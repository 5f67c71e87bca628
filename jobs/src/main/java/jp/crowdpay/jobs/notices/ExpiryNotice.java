package jp.crowdpay.jobs.notices;

import java.math.BigInteger;
import java.time.LocalDate;

/**
 * One worker's notice of one night, as recorded: a line of the notice file. Holds no personal
 * data: the mailer looks the worker up by id.
 *
 * @param reason why the night did not pay the worker, as the payout decided
 */
public record ExpiryNotice(long workerId, LocalDate businessDate, LocalDate earliestDeadline, int daysLeft,
                           int thresholdDays, BigInteger yenAtRisk, String reason, boolean loginLocked) {

    /**
     * The version of the line's contract (docs/expiry-notice.schema.json): raised only by a change
     * a reader could trip over (a field removed, renamed, retyped or meaning something else).
     */
    public static final int SCHEMA_VERSION = 1;

    /** Fixed key order, no spaces, a newline after each: the same notice always gives the same bytes. */
    public String jsonLine() {
        return "{\"schema_version\":" + SCHEMA_VERSION
                + ",\"worker_id\":" + workerId
                + ",\"business_date\":\"" + businessDate
                + "\",\"earliest_deadline\":\"" + earliestDeadline
                + "\",\"days_left\":" + daysLeft
                + ",\"threshold_days\":" + thresholdDays
                + ",\"yen_at_risk\":" + yenAtRisk
                + ",\"reason\":\"" + reason
                + "\",\"login_locked\":" + loginLocked
                + "}\n";
    }
}

package jp.crowdpay.jobs.runs;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.TimeZone;

/**
 * The job repository's times (the start, end and update times of Spring Batch's batch_* tables)
 * are columns without a zone that Spring Batch fills with the JVM's local time. A process started
 * with TZ=Asia/Tokyo and one started with TZ=UTC would write the same instant nine hours apart,
 * and no reader could tell which it is. So the program runs in one zone, UTC, whatever the
 * environment says, from before anything reads a clock: every process writes those times in UTC,
 * every reader reads them as UTC instants. The business zone (payout.zone) is a setting of its
 * own and never the JVM's.
 */
public final class RepositoryTime {

    public static final ZoneOffset ZONE = ZoneOffset.UTC;

    private RepositoryTime() {
    }

    /** Makes UTC the JVM's zone; called first thing when the program starts. */
    public static void fixJvmZone() {
        TimeZone.setDefault(TimeZone.getTimeZone(ZONE));
    }

    /** A time the job repository recorded, as the instant it is; null for null. */
    public static Instant instant(LocalDateTime recorded) {
        return recorded == null ? null : recorded.toInstant(ZONE);
    }
}

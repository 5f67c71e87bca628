package jp.crowdpay.jobs.status;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * How status prints a point in time: in the business zone (payout.zone), to the second, with the
 * zone's offset, {@code 2026-11-27 02:03:10 +09:00}: the same whatever zone the reader's machine has.
 */
final class ShownTime {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private ShownTime() {
    }

    static String of(Instant instant, ZoneId zone) {
        return FORMAT.format(instant.atZone(zone));
    }
}

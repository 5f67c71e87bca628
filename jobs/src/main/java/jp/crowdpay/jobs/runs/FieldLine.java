package jp.crowdpay.jobs.runs;

import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A log line of figures, e.g. {@code nightlyPayoutJob summary: date=2025-04-01 payouts=3}. Each
 * figure is also a key-value pair of the event: with structured logging
 * ({@code logging.structured.format.console: ecs}) it becomes a field of its own that a log
 * search can filter and add up, while the plain log keeps the readable text.
 */
public final class FieldLine {

    private FieldLine() {
    }

    /** The plain text: the subject, then {@code key=value} for each field, in the map's order. */
    public static String text(String subject, Map<String, ?> fields) {
        return fields.entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" ", subject + (fields.isEmpty() ? "" : " "), ""));
    }

    public static void info(Logger log, String subject, Map<String, ?> fields) {
        log(log, Level.INFO, subject, fields);
    }

    public static void warn(Logger log, String subject, Map<String, ?> fields) {
        log(log, Level.WARN, subject, fields);
    }

    public static void error(Logger log, String subject, Map<String, ?> fields) {
        log(log, Level.ERROR, subject, fields);
    }

    private static void log(Logger log, Level level, String subject, Map<String, ?> fields) {
        LoggingEventBuilder event = log.atLevel(level).setMessage(text(subject, fields));
        fields.forEach((key, value) -> event.addKeyValue(key, value));
        event.log();
    }
}

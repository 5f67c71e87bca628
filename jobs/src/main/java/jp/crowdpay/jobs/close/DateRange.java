package jp.crowdpay.jobs.close;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

/** One date ({@code 2026-11-07}) or the dates of a range, both ends included ({@code 2026-11-01..2026-11-09}). */
public record DateRange(LocalDate from, LocalDate to) {

    public DateRange {
        if (to.isBefore(from)) {
            throw new IllegalArgumentException("the range " + from + ".." + to + " ends before it begins");
        }
    }

    /** @throws IllegalArgumentException naming the text when it is neither a date nor a range of dates */
    public static DateRange parse(String text) {
        String[] ends = text.trim().split("\\.\\.", -1);
        try {
            if (ends.length == 1) {
                LocalDate date = LocalDate.parse(ends[0]);
                return new DateRange(date, date);
            }
            if (ends.length == 2) {
                return new DateRange(LocalDate.parse(ends[0]), LocalDate.parse(ends[1]));
            }
        } catch (DateTimeParseException notADate) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("'" + text + "' is neither a date (YYYY-MM-DD) nor a range (YYYY-MM-DD..YYYY-MM-DD)");
    }

    Stream<LocalDate> dates() {
        return from.datesUntil(to.plusDays(1));
    }

    static SortedSet<LocalDate> datesOf(Collection<DateRange> ranges) {
        SortedSet<LocalDate> dates = new TreeSet<>();
        ranges.forEach(range -> range.dates().forEach(dates::add));
        return dates;
    }

    /** The fewest ranges that hold exactly the dates given. */
    static List<DateRange> covering(SortedSet<LocalDate> dates) {
        List<DateRange> ranges = new ArrayList<>();
        LocalDate from = null;
        LocalDate to = null;
        for (LocalDate date : dates) {
            if (to != null && date.equals(to.plusDays(1))) {
                to = date;
                continue;
            }
            if (from != null) {
                ranges.add(new DateRange(from, to));
            }
            from = date;
            to = date;
        }
        if (from != null) {
            ranges.add(new DateRange(from, to));
        }
        return ranges;
    }

    /** As the command line takes it: {@code 2026-11-07} or {@code 2026-11-01..2026-11-09}. */
    @Override
    public String toString() {
        return from.equals(to) ? from.toString() : from + ".." + to;
    }

    /** Ranges as the command line takes them, separated by commas. */
    static String join(Collection<DateRange> ranges) {
        return String.join(",", ranges.stream().map(DateRange::toString).toList());
    }
}

package jp.crowdpay.jobs.bankfile.calendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Japanese public holidays read from an operator-maintained CSV file in the style of the Cabinet
 * Office's syukujitsu.csv: UTF-8, a header line {@code date,name}, then one {@code date,name} line
 * per holiday, substitute (振替休日) and in-between (国民の休日) holidays included. Dates are ISO
 * ({@code 2026-01-01}); the Cabinet Office's {@code 2026/1/1} is accepted too so that its rows can
 * be pasted in.
 *
 * <p>A year is covered when the file lists at least one holiday in it (every year has 元日). Asking
 * about an uncovered year throws {@link HolidaysNotCoveredException}: treating it as holiday-free
 * would schedule transfers on holidays.
 */
public final class HolidayCalendarFile {

    private static final String HEADER = "date,name";
    private static final DateTimeFormatter CABINET_OFFICE_DATE = DateTimeFormatter.ofPattern("uuuu/M/d");

    private final String source;
    private final Map<LocalDate, String> holidays;
    private final SortedSet<Integer> coveredYears;

    private HolidayCalendarFile(String source, Map<LocalDate, String> holidays) {
        this.source = source;
        this.holidays = Collections.unmodifiableMap(holidays);
        TreeSet<Integer> years = new TreeSet<>();
        holidays.keySet().forEach(d -> years.add(d.getYear()));
        this.coveredYears = Collections.unmodifiableSortedSet(years);
    }

    /** Reads the file; any problem is an {@link IllegalArgumentException} naming the file and line. */
    public static HolidayCalendarFile load(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read holiday file " + file + ": " + e.getMessage(), e);
        }
        return parse(file.toString(), lines);
    }

    static HolidayCalendarFile parse(String source, List<String> lines) {
        // spreadsheet programs save UTF-8 with a byte order mark
        if (lines.isEmpty() || !lines.get(0).strip().replace("\uFEFF", "").equalsIgnoreCase(HEADER)) {
            throw new IllegalArgumentException(source + " line 1: expected the header '" + HEADER + "'");
        }
        Map<LocalDate, String> holidays = new TreeMap<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty()) {
                continue;
            }
            String where = source + " line " + (i + 1) + ": ";
            String[] fields = line.split(",", -1);
            if (fields.length != 2 || fields[1].isBlank()) {
                throw new IllegalArgumentException(where + "expected 'date,name', found '" + line + "'");
            }
            LocalDate date = date(fields[0].strip(), where);
            if (holidays.put(date, fields[1].strip()) != null) {
                throw new IllegalArgumentException(where + date + " is listed twice");
            }
        }
        if (holidays.isEmpty()) {
            throw new IllegalArgumentException(source + ": lists no holidays");
        }
        return new HolidayCalendarFile(source, holidays);
    }

    /** The years the file lists holidays for. */
    public SortedSet<Integer> coveredYears() {
        return coveredYears;
    }

    public boolean covers(int year) {
        return coveredYears.contains(year);
    }

    /** The holiday's name, or empty for a day that is no holiday; fails for a year the file does not cover. */
    public Optional<String> holidayName(LocalDate date) {
        if (!covers(date.getYear())) {
            throw new HolidaysNotCoveredException("the holiday file " + source + " covers "
                    + coveredYears.first() + "-" + coveredYears.last() + " but not " + date.getYear()
                    + " (asked about " + date + "); add " + date.getYear()
                    + "'s holidays from the Cabinet Office list (syukujitsu.csv) to the file");
        }
        return Optional.ofNullable(holidays.get(date));
    }

    public boolean isHoliday(LocalDate date) {
        return holidayName(date).isPresent();
    }

    private static LocalDate date(String text, String where) {
        try {
            return text.contains("/") ? LocalDate.parse(text, CABINET_OFFICE_DATE) : LocalDate.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "'" + text + "' is not a date (expected yyyy-MM-dd)");
        }
    }
}

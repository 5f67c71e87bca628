package jp.crowdpay.jobs.bankfile.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;

/**
 * Bank business days in Japan: not a Saturday or Sunday, not a public holiday from the holiday
 * file, and not 12/31-1/3, when banks close by their own rule rather than by the Holidays Act.
 */
public final class BankCalendar {

    private static final MonthDay YEAR_END_CLOSING_STARTS = MonthDay.of(12, 31);
    private static final MonthDay NEW_YEAR_CLOSING_ENDS = MonthDay.of(1, 3);

    private final HolidayCalendarFile holidays;

    public BankCalendar(HolidayCalendarFile holidays) {
        this.holidays = holidays;
    }

    /** Fails with {@link HolidaysNotCoveredException} for a year the holiday file does not cover. */
    public boolean isBankBusinessDay(LocalDate date) {
        boolean weekend = date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
        MonthDay day = MonthDay.from(date);
        boolean yearEndClosing = !day.isBefore(YEAR_END_CLOSING_STARTS) || !day.isAfter(NEW_YEAR_CLOSING_ENDS);
        // the holiday file is consulted even for closed days so that an uncovered year always fails
        return !holidays.isHoliday(date) && !weekend && !yearEndClosing;
    }

    /**
     * The first bank business day on or after {@code businessDate} plus {@code leadDays} calendar days.
     * Fails with {@link HolidaysNotCoveredException} when the search reaches a year the file does not cover.
     */
    public LocalDate transferDate(LocalDate businessDate, int leadDays) {
        if (leadDays < 0) {
            throw new IllegalArgumentException("lead days must be 0 or more, was " + leadDays);
        }
        LocalDate date = businessDate.plusDays(leadDays);
        while (!isBankBusinessDay(date)) {
            date = date.plusDays(1);
        }
        return date;
    }
}

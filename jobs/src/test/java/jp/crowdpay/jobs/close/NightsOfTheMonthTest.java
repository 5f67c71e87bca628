package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class NightsOfTheMonthTest {

    private static final YearMonth NOVEMBER = YearMonth.parse("2026-11");
    private static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    private static final LocalDate DECEMBER_FIRST = LocalDate.parse("2026-12-01");

    /** Every night of November completed, but for the dates given (no night) and those mapped to false (unfinished). */
    private static Map<LocalDate, Boolean> november(List<String> without, Map<String, Boolean> overrides) {
        Map<LocalDate, Boolean> nights = new TreeMap<>();
        for (LocalDate date = NOVEMBER.atDay(1); !date.isAfter(NOVEMBER.atEndOfMonth()); date = date.plusDays(1)) {
            nights.put(date, true);
        }
        without.forEach(date -> nights.remove(LocalDate.parse(date)));
        overrides.forEach((date, completed) -> nights.put(LocalDate.parse(date), completed));
        return nights;
    }

    private static SortedSet<LocalDate> dates(String... ranges) {
        return DateRange.datesOf(List.of(ranges).stream().map(DateRange::parse).toList());
    }

    @Test
    void aMonthIsNotOverOnItsLastDayAndIsOnTheNext() {
        // when
        var onTheLastDay = NightsOfTheMonth.judge(NOVEMBER, LocalDate.parse("2026-11-30"), TOKYO, november(List.of(), Map.of()),
                Optional.empty(), new TreeSet<>());
        var onTheNextDay = NightsOfTheMonth.judge(NOVEMBER, DECEMBER_FIRST, TOKYO, november(List.of(), Map.of()),
                Optional.empty(), new TreeSet<>());
        // then
        assertThat(onTheLastDay.problems()).containsExactly("2026-11 is not over yet in Asia/Tokyo (today is 2026-11-30):"
                + " rewards can still be confirmed in it; close it from 2026-12-01");
        assertThat(onTheNextDay.problems()).isEmpty();
    }

    @Test
    void anUnfinishedNightAndDatesNoNightHasRunForYetAreNamedWithWhatToRun() {
        // when: the night of 11-28 failed; none ran for 11-29 and 11-30
        var verdict = NightsOfTheMonth.judge(NOVEMBER, DECEMBER_FIRST, TOKYO,
                november(List.of("2026-11-29", "2026-11-30"), Map.of("2026-11-28", false)), Optional.empty(), new TreeSet<>());
        // then
        assertThat(verdict.problems()).containsExactly(
                "the night of 2026-11-28 has not completed: continue it with 'payout --date 2026-11-28'",
                "no night has run for 2026-11-29..2026-11-30 yet: run 'payout --date YYYY-MM-DD' for each of these dates,"
                        + " the earliest first");
    }

    @Test
    void aDateALaterNightCoveredMustBeConfirmedAsMissed() {
        // given: no night ran on 11-07 or 11-08, or on the last day, which the night of 12-01 covered
        var nights = november(List.of("2026-11-07", "2026-11-08", "2026-11-30"), Map.of());
        Optional<LocalDate> december = Optional.of(DECEMBER_FIRST);
        // when
        var unconfirmed = NightsOfTheMonth.judge(NOVEMBER, DECEMBER_FIRST, TOKYO, nights, december, new TreeSet<>());
        var confirmed = NightsOfTheMonth.judge(NOVEMBER, DECEMBER_FIRST, TOKYO, nights, december,
                dates("2026-11-07..2026-11-08", "2026-11-30"));
        var tooMany = NightsOfTheMonth.judge(NOVEMBER, DECEMBER_FIRST, TOKYO, nights, december,
                dates("2026-11-06..2026-11-08", "2026-11-30"));
        // then
        assertThat(unconfirmed.problems()).containsExactly("no night ran for 2026-11-07..2026-11-08,2026-11-30 and none can"
                + " run any more (a later night has completed, and expired and paid what was due then); if that is so,"
                + " confirm it with --missed-nights 2026-11-07..2026-11-08,2026-11-30");
        assertThat(confirmed.problems()).isEmpty();
        assertThat(confirmed.missed()).containsExactly(LocalDate.parse("2026-11-07"), LocalDate.parse("2026-11-08"),
                LocalDate.parse("2026-11-30"));
        assertThat(tooMany.problems()).containsExactly("--missed-nights names 2026-11-06, which is not a missed night of 2026-11");
    }

    @Test
    void theLastDayWithoutANightCanStillRunWhileNoLaterNightHasCompleted() {
        // when
        var verdict = NightsOfTheMonth.judge(NOVEMBER, DECEMBER_FIRST, TOKYO, november(List.of("2026-11-30"), Map.of()),
                Optional.empty(), dates("2026-11-30"));
        // then
        assertThat(verdict.problems()).containsExactly(
                "no night has run for 2026-11-30 yet: run 'payout --date YYYY-MM-DD' for each of these dates, the earliest first",
                "--missed-nights names 2026-11-30, which is not a missed night of 2026-11");
    }

    @Test
    void missedNightsAreDatesOrRangesBothEndsIncluded() {
        // when / then
        assertThat(dates("2026-10-30..2026-11-02", "2026-11-05")).containsExactly(LocalDate.parse("2026-10-30"),
                LocalDate.parse("2026-10-31"), LocalDate.parse("2026-11-01"), LocalDate.parse("2026-11-02"),
                LocalDate.parse("2026-11-05"));
        assertThatThrownBy(() -> DateRange.parse("2026-11-31")).hasMessage(
                "'2026-11-31' is neither a date (YYYY-MM-DD) nor a range (YYYY-MM-DD..YYYY-MM-DD)");
        assertThatThrownBy(() -> DateRange.parse("2026-11-09..2026-11-01")).hasMessage(
                "the range 2026-11-09..2026-11-01 ends before it begins");
    }
}

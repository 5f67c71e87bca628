package jp.crowdpay.jobs.bankfile.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Runs against the holiday file shipped in config/, so these dates also check its data. */
class BankCalendarTest {

    static final Path SHIPPED_HOLIDAYS = Path.of("../config/holidays-jp.csv");
    private final BankCalendar calendar = new BankCalendar(HolidayCalendarFile.load(SHIPPED_HOLIDAYS));

    @ParameterizedTest(name = "[{index}] {0} + {1} days -> {2}: {3}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-06-04 | 0 | 2026-06-04 | a weekday is its own transfer date with no lead time
            2026-06-04 | 1 | 2026-06-05 | the next day when it is a weekday
            2026-06-05 | 1 | 2026-06-08 | Friday plus one skips the weekend
            2026-06-06 | 0 | 2026-06-08 | Saturday with no lead time moves to Monday
            2026-06-04 | 2 | 2026-06-08 | Thursday plus two lands on Saturday and moves to Monday
            2026-05-01 | 1 | 2026-05-07 | Golden Week 2026: weekend, 5/4, 5/5 and the substitute 5/6
            2026-04-28 | 1 | 2026-04-30 | 昭和の日 4/29
            2025-11-21 | 1 | 2025-11-25 | substitute holiday 2025-11-24 for 勤労感謝の日 on a Sunday
            2027-03-19 | 1 | 2027-03-23 | substitute holiday 2027-03-22 for 春分の日 on a Sunday
            2026-09-18 | 1 | 2026-09-24 | Silver Week 2026: 敬老の日, 国民の休日 9/22, 秋分の日
            2026-12-30 | 0 | 2026-12-30 | 12/30 is still a bank business day
            2026-12-30 | 1 | 2027-01-04 | year end: 12/31 to 1/3 are closed
            2025-12-30 | 1 | 2026-01-05 | year end 2025: closed to 1/3, then a Sunday
            2025-12-29 | 2 | 2026-01-05 | lead time that lands inside the year-end closing
            """)
    void transferDateIsTheFirstBankBusinessDayOnOrAfterTheLeadTime(LocalDate businessDate, int leadDays,
            LocalDate expected, String rule) {
        // given the shipped holidays

        // when
        LocalDate transferDate = calendar.transferDate(businessDate, leadDays);

        // then
        assertThat(transferDate).as(rule).isEqualTo(expected);
    }

    @Test
    void searchThatRunsIntoAnUncoveredYearFailsAndTellsTheOperatorToUpdateTheFile() {
        // given a run at the end of the last covered year

        // when / then
        assertThatThrownBy(() -> calendar.transferDate(LocalDate.of(2027, 12, 30), 1))
                .isInstanceOf(HolidaysNotCoveredException.class)
                .hasMessageContaining("covers 2025-2027 but not 2028")
                .hasMessageContaining("add 2028's holidays");
    }

    @Test
    void dateBeforeTheCoveredYearsFailsToo() {
        // given / when / then
        assertThatThrownBy(() -> calendar.isBankBusinessDay(LocalDate.of(2024, 6, 3)))
                .isInstanceOf(HolidaysNotCoveredException.class);
    }

    @Test
    void refusesANegativeLeadTime() {
        // given / when / then
        assertThatIllegalArgumentException().isThrownBy(() -> calendar.transferDate(LocalDate.of(2026, 6, 4), -1))
                .withMessage("lead days must be 0 or more, was -1");
    }
}

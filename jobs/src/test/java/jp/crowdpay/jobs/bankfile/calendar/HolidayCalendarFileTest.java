package jp.crowdpay.jobs.bankfile.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HolidayCalendarFileTest {

    private final HolidayCalendarFile shipped = HolidayCalendarFile.load(BankCalendarTest.SHIPPED_HOLIDAYS);

    @Test
    void shippedFileCoversTwentyTwentyFiveToTwentyTwentySeven() {
        // given / when / then
        assertThat(shipped.coveredYears()).containsExactly(2025, 2026, 2027);
    }

    @Test
    void shippedFileListsASubstituteAfterEveryHolidayOnASunday() {
        for (LocalDate date = LocalDate.of(2025, 1, 1); date.getYear() <= 2027; date = date.plusDays(1)) {
            // given a holiday on a Sunday
            if (date.getDayOfWeek() != DayOfWeek.SUNDAY || !shipped.isHoliday(date)) {
                continue;
            }

            // when the next day that is no other holiday is looked up
            LocalDate substitute = date.plusDays(1);
            while (shipped.holidayName(substitute).filter(name -> !name.equals("振替休日")).isPresent()) {
                substitute = substitute.plusDays(1);
            }

            // then
            assertThat(shipped.holidayName(substitute)).as("substitute for %s", date).contains("振替休日");
        }
    }

    @Test
    void shippedFileListsEveryDaySandwichedBetweenTwoHolidays() {
        for (LocalDate date = LocalDate.of(2025, 1, 2); date.getYear() <= 2027; date = date.plusDays(1)) {
            // given a day between two holidays
            boolean sandwiched = shipped.isHoliday(date.minusDays(1)) && date.plusDays(1).getYear() <= 2027
                    && shipped.isHoliday(date.plusDays(1));

            // when / then
            if (sandwiched) {
                assertThat(shipped.isHoliday(date)).as("%s lies between two holidays", date).isTrue();
            }
        }
    }

    @ParameterizedTest(name = "[{index}] {0} {1}")
    @CsvSource(textBlock = """
            2025-05-06, 振替休日
            2025-11-24, 振替休日
            2026-05-06, 振替休日
            2026-09-22, 国民の休日
            2027-03-21, 春分の日
            2027-03-22, 振替休日
            """)
    void shippedFileHasTheHolidaysThatAreEasyToGetWrong(LocalDate date, String name) {
        // given / when / then
        assertThat(shipped.holidayName(date)).contains(name);
    }

    @Test
    void acceptsTheCabinetOfficeDateStyleAndAByteOrderMark(@TempDir Path dir) throws IOException {
        // given
        Path file = write(dir, "\uFEFFdate,name", "2026/1/1,元日", "", "2026-01-12,成人の日");

        // when
        HolidayCalendarFile holidays = HolidayCalendarFile.load(file);

        // then
        assertThat(holidays.holidayName(LocalDate.of(2026, 1, 1))).contains("元日");
        assertThat(holidays.isHoliday(LocalDate.of(2026, 1, 12))).isTrue();
        assertThat(holidays.isHoliday(LocalDate.of(2026, 1, 13))).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {2}")
    @CsvSource(delimiter = '|', textBlock = """
            date,name | 2026-13-01,元日       | line 2: '2026-13-01' is not a date (expected yyyy-MM-dd)
            date,name | 2026-01-01            | line 2: expected 'date,name', found '2026-01-01'
            date,name | 2026-01-01,元日,extra | line 2: expected 'date,name', found '2026-01-01,元日,extra'
            date,name | 2026-01-01,           | line 2: expected 'date,name', found '2026-01-01,'
            2026-01-01,元日 | 2026-01-12,成人の日 | line 1: expected the header 'date,name'
            """)
    void reportsAMalformedLineWithItsNumber(String first, String second, String expected) {
        // given / when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HolidayCalendarFile.parse("holidays.csv", List.of(first, second)))
                .withMessage("holidays.csv " + expected);
    }

    @Test
    void reportsADuplicateDate() {
        // given / when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HolidayCalendarFile.parse("holidays.csv",
                        List.of("date,name", "2026-01-01,元日", "2026-01-01,元日")))
                .withMessage("holidays.csv line 3: 2026-01-01 is listed twice");
    }

    @Test
    void refusesAFileWithoutHolidays() {
        // given / when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> HolidayCalendarFile.parse("holidays.csv", List.of("date,name")))
                .withMessage("holidays.csv: lists no holidays");
    }

    private static Path write(Path dir, String... lines) throws IOException {
        return Files.write(dir.resolve("holidays.csv"), List.of(lines), StandardCharsets.UTF_8);
    }
}

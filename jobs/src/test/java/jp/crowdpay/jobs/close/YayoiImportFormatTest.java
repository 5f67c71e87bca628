package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import jp.crowdpay.jobs.close.JournalEntry.Movement;
import org.junit.jupiter.api.Test;

class YayoiImportFormatTest {

    private static JournalEntry paid(long yen) {
        return new JournalEntry(LocalDate.parse("2026-11-30"), Movement.PAID_TRANSFERRED, "未払金", "対象外", "普通預金", "対象外",
                BigInteger.valueOf(yen), 3);
    }

    @Test
    void writesTwentyFiveFieldsInCp932WithCrlfAndNoHeader() {
        // when
        YayoiImportFormat.Written written = YayoiImportFormat.write(List.of(paid(12_345)));
        // then: 未払金 is 96 a2 95 a5 8b e0 in CP932; the line ends with CR LF
        String expected = "2000,,,2026/11/30,未払金,,,対象外,12345,,普通預金,,,対象外,12345,,報酬支払 振込額 3件,,,0,,,0,0,no\r\n";
        assertThat(written.bytes()).isEqualTo(expected.getBytes(CloseFixture.CP932));
        assertThat(new String(written.bytes(), CloseFixture.CP932).split(",", -1)).hasSize(25);
        assertThat(HexFormat.of().formatHex(written.bytes(), 18, 24)).isEqualTo("96a295a58be0");
        assertThat(written.lines()).isEqualTo(1);
        assertThat(written.debitYen()).isEqualTo(written.creditYen()).isEqualTo(BigInteger.valueOf(12_345));
    }

    @Test
    void nineHundredNinetyNineMillionNineHundredNinetyNineThousandNineHundredNinetyNineYenIsOneLine() {
        // when
        YayoiImportFormat.Written written = YayoiImportFormat.write(List.of(paid(999_999_999)));
        // then
        assertThat(new String(written.bytes(), CloseFixture.CP932)).isEqualTo(
                "2000,,,2026/11/30,未払金,,,対象外,999999999,,普通預金,,,対象外,999999999,,報酬支払 振込額 3件,,,0,,,0,0,no\r\n");
    }

    @Test
    void oneBillionYenIsSplitIntoTwoLinesOfAtMostNineDigits() {
        // when
        YayoiImportFormat.Written written = YayoiImportFormat.write(List.of(paid(1_000_000_000)));
        // then
        assertThat(new String(written.bytes(), CloseFixture.CP932)).isEqualTo(""
                + "2000,,,2026/11/30,未払金,,,対象外,999999999,,普通預金,,,対象外,999999999,,報酬支払 振込額 3件 (1/2),,,0,,,0,0,no\r\n"
                + "2000,,,2026/11/30,未払金,,,対象外,1,,普通預金,,,対象外,1,,報酬支払 振込額 3件 (2/2),,,0,,,0,0,no\r\n");
        assertThat(written.lines()).isEqualTo(2);
        assertThat(written.debitYen()).isEqualTo(written.creditYen()).isEqualTo(BigInteger.valueOf(1_000_000_000));
    }

    @Test
    void anEntryIsSplitIntoAsManyFullLinesAsFitAndTheRest() {
        // when / then
        assertThat(YayoiImportFormat.split(BigInteger.valueOf(2_000_000_000L))).containsExactly(
                BigInteger.valueOf(999_999_999), BigInteger.valueOf(999_999_999), BigInteger.TWO);
        assertThat(YayoiImportFormat.split(new BigInteger("1999999998"))).containsExactly(
                BigInteger.valueOf(999_999_999), BigInteger.valueOf(999_999_999));
    }
}

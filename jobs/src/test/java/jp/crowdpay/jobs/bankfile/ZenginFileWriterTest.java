package jp.crowdpay.jobs.bankfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.MonthDay;
import java.util.Arrays;
import java.util.List;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZenginFileWriterTest {

    static final ZenginHeader HEADER = new ZenginHeader("1234567890", "ｸﾗｳﾄﾞﾍﾟｲ(ｶ", MonthDay.of(1, 5),
            "0005", "ﾐﾂﾋﾞｼUFJ", "001", "ﾎﾝﾃﾝ", AccountType.ORDINARY, "7654321");
    static final List<ZenginTransfer> TRANSFERS = List.of(
            new ZenginTransfer("0036", "", "101", "", AccountType.ORDINARY, "0000567", "ﾔﾏﾀﾞ ﾀﾛｳ", 9_900, 42),
            new ZenginTransfer("0001", "ﾐｽﾞﾎ", "100", "ﾄｳｷﾖｳ", AccountType.CHECKING, "7654321", "ｽｽﾞｷ ﾊﾅｺ",
                    150_000, 1_234_567_890L),
            new ZenginTransfer("0009", "ﾐﾂｲｽﾐﾄﾓ", "200", "ｼﾌﾞﾔ", AccountType.SAVINGS, "0012345",
                    "ABC (ﾃｽﾄ)-1.2/3", 1, 7));

    @Test
    void writesTheHandWrittenGoldenFileByteForByte() throws IOException {
        // given
        byte[] golden = resource("/bankfile/zengin-3-transfers.txt");

        // when
        byte[] written = ZenginFileWriter.write(HEADER, TRANSFERS, ZenginClearingHouse.ZEROS);

        // then
        assertThat(written).isEqualTo(golden);
    }

    @Test
    void writesZerosInTheClearingHouseFieldOfEveryDataRecordByDefault() {
        // given / when
        byte[] written = ZenginFileWriter.write(HEADER, TRANSFERS, ZenginClearingHouse.ZEROS);

        // then: bytes 39-42 of lines 2-4
        for (int line = 1; line <= 3; line++) {
            assertThat(Arrays.copyOfRange(written, line * 122 + 38, line * 122 + 42)).as("line %d", line + 1)
                    .isEqualTo("0000".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void writesSpacesInTheClearingHouseFieldWhenSetAndChangesNothingElse() throws IOException {
        // given the golden file with spaces in bytes 39-42 of every data record
        byte[] expected = resource("/bankfile/zengin-3-transfers.txt");
        for (int line = 1; line <= 3; line++) {
            Arrays.fill(expected, line * 122 + 38, line * 122 + 42, (byte) ' ');
        }

        // when
        byte[] written = ZenginFileWriter.write(HEADER, TRANSFERS, ZenginClearingHouse.SPACES);

        // then
        assertThat(written).isEqualTo(expected);
    }

    @Test
    void everyRecordIsExactly120BytesFollowedByCrlf() {
        // given / when
        byte[] written = ZenginFileWriter.write(HEADER, TRANSFERS, ZenginClearingHouse.ZEROS);

        // then
        assertThat(written.length).isEqualTo(6 * 122);
        for (int line = 0; line < 6; line++) {
            byte[] record = Arrays.copyOfRange(written, line * 122, line * 122 + 122);
            assertThat(Arrays.copyOfRange(record, 0, 120)).as("line %d", line + 1).doesNotContain('\r', '\n');
            assertThat(Arrays.copyOfRange(record, 120, 122)).as("line %d", line + 1).containsExactly('\r', '\n');
        }
    }

    @Test
    void writingTheSameRunTwiceGivesTheSameBytes() {
        // given / when
        byte[] first = ZenginFileWriter.write(HEADER, TRANSFERS, ZenginClearingHouse.ZEROS);
        byte[] second = ZenginFileWriter.write(HEADER, List.copyOf(TRANSFERS), ZenginClearingHouse.ZEROS);

        // then
        assertThat(second).isEqualTo(first);
    }

    @Test
    void emptyRunIsHeaderTrailerWithZerosAndEnd() {
        // given / when
        ZenginFile file = ZenginFileReader.read(ZenginFileWriter.write(HEADER, List.of(), ZenginClearingHouse.ZEROS));

        // then
        assertThat(file.transfers()).isEmpty();
        assertThat(file.trailerCount()).isZero();
        assertThat(file.trailerTotal()).isZero();
    }

    @Test
    void refusesAPayeeNameLongerThanItsFieldWithoutShowingIt() {
        // given
        ZenginTransfer tooLong = transferWithName("ｱ".repeat(31));

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileWriter.write(HEADER, List.of(tooLong), ZenginClearingHouse.ZEROS))
                .withMessage("data record 1: payee name is 31 characters; the field holds 30");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ヤマダ", "山田", "ﾔﾏﾀﾞ\tﾀﾛｳ", "ﾔﾏﾀﾞ\u00e9"})
    void refusesCharactersThatAreNotSingleByte(String name) {
        // given
        ZenginTransfer transfer = transferWithName(name);

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileWriter.write(HEADER, List.of(transfer), ZenginClearingHouse.ZEROS))
                .withMessageStartingWith("data record 1: payee name has a character that is not single-byte");
    }

    @Test
    void refusesCodesOfTheWrongLengthRatherThanPaddingThem() {
        // given
        ZenginTransfer shortBank = new ZenginTransfer("36", "", "101", "", AccountType.ORDINARY, "0000567",
                "ﾔﾏﾀﾞ", 100, 1);
        ZenginHeader longRequester = new ZenginHeader("12345678901", "ｸﾗｳﾄﾞﾍﾟｲ", MonthDay.of(1, 5), "0005",
                "", "001", "", AccountType.ORDINARY, "7654321");

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileWriter.write(HEADER, List.of(shortBank), ZenginClearingHouse.ZEROS))
                .withMessage("data record 1: bank code must be 4 digits");
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileWriter.write(longRequester, TRANSFERS, ZenginClearingHouse.ZEROS))
                .withMessage("header: requester code must be 10 digits");
    }

    @ParameterizedTest
    @ValueSource(longs = {0, -1, 10_000_000_000L})
    void refusesAmountsThatAreNotPositiveOrDoNotFitTenDigits(long amount) {
        // given
        ZenginTransfer transfer = new ZenginTransfer("0036", "", "101", "", AccountType.ORDINARY, "0000567",
                "ﾔﾏﾀﾞ", amount, 1);

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileWriter.write(HEADER, List.of(transfer), ZenginClearingHouse.ZEROS))
                .withMessage("data record 1: amount must be 1 to 9999999999 yen");
    }

    @Test
    void refusesACustomerCodeLongerThanTenDigits() {
        // given
        ZenginTransfer transfer = new ZenginTransfer("0036", "", "101", "", AccountType.ORDINARY, "0000567",
                "ﾔﾏﾀﾞ", 100, 10_000_000_000L);

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileWriter.write(HEADER, List.of(transfer), ZenginClearingHouse.ZEROS))
                .withMessageContaining("customer code");
    }

    private static ZenginTransfer transferWithName(String name) {
        return new ZenginTransfer("0036", "", "101", "", AccountType.ORDINARY, "0000567", name, 100, 1);
    }

    static byte[] resource(String path) throws IOException {
        try (InputStream in = ZenginFileWriterTest.class.getResourceAsStream(path)) {
            assertThat(in).as(path).isNotNull();
            return in.readAllBytes();
        }
    }
}

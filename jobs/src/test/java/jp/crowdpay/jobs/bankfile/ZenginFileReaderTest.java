package jp.crowdpay.jobs.bankfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ZenginFileReaderTest {

    @Test
    void readsBackTheSameTransfersThatWereWritten() {
        // given
        byte[] written = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.ZEROS);

        // when
        ZenginFile file = ZenginFileReader.read(written);

        // then
        assertThat(file.header()).isEqualTo(ZenginFileWriterTest.HEADER);
        assertThat(file.transfers()).isEqualTo(ZenginFileWriterTest.TRANSFERS);
    }

    @Test
    void trailerCountAndTotalEqualTheDataRecords() throws IOException {
        // given the hand-written golden file
        byte[] golden = ZenginFileWriterTest.resource("/bankfile/zengin-3-transfers.txt");

        // when
        ZenginFile file = ZenginFileReader.read(golden);

        // then
        assertThat(file.trailerCount()).isEqualTo(file.transfers().size()).isEqualTo(3);
        assertThat(file.trailerTotal()).isEqualTo(file.sumOfTransfers()).isEqualTo(159_901L);
    }

    @Test
    void totalsReadRecordByRecordAreThoseOfTheWholeFile() throws IOException {
        // given the hand-written golden file
        byte[] golden = ZenginFileWriterTest.resource("/bankfile/zengin-3-transfers.txt");

        // when
        ZenginFileReader.Totals totals = ZenginFileReader.totals(new ByteArrayInputStream(golden));

        // then
        assertThat(totals).isEqualTo(new ZenginFileReader.Totals(3, 159_901L, 3, 159_901L));
    }

    @Test
    void totalsReadRecordByRecordRefuseWhatTheWholeFileReadRefuses() {
        // given
        byte[] written = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.ZEROS);
        byte[] truncated = Arrays.copyOf(written, written.length - 1);
        byte[] withoutEnd = Arrays.copyOf(written, written.length - 122);
        byte[] withoutTrailer = Arrays.copyOf(written, written.length - 244);
        byte[] badAmount = written.clone();
        badAmount[122 + 80] = ' ';

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.totals(new ByteArrayInputStream(truncated)))
                .withMessage("line 6: the file ends 121 bytes into it, not a whole number of 122-byte lines");
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.totals(new ByteArrayInputStream(withoutEnd)))
                .withMessage("file ends after line 5; the end record (9) is missing");
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.totals(new ByteArrayInputStream(withoutTrailer)))
                .withMessage("file ends after line 4; the trailer (8) is missing");
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.totals(new ByteArrayInputStream(badAmount)))
                .withMessage("line 2: amount is not 10 digits");
    }

    @Test
    void refusesAFileWithAShortRecord() {
        // given a file whose lines are one byte short
        byte[] written = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.ZEROS);
        byte[] truncated = Arrays.copyOf(written, written.length - 1);

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.read(truncated))
                .withMessageContaining("not a whole number of 122-byte lines");
    }

    @Test
    void refusesANonDigitInANumericFieldNamingTheLine() {
        // given an amount field (bytes 81-90 of line 2) with a space in it
        byte[] written = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.ZEROS);
        written[122 + 80] = ' ';

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.read(written))
                .withMessage("line 2: amount is not 10 digits");
    }

    @Test
    void refusesAFileWithoutItsEndRecord() {
        // given a file whose end record is missing
        byte[] written = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.ZEROS);
        byte[] withoutEnd = Arrays.copyOf(written, written.length - 122);

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.read(withoutEnd))
                .withMessage("file ends after line 5; the end record (9) is missing");
    }

    @Test
    void refusesAnythingAfterTheEndRecord() {
        // given a file with a second end record
        byte[] written = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.ZEROS);
        byte[] doubled = Arrays.copyOf(written, written.length + 122);
        System.arraycopy(written, written.length - 122, doubled, written.length, 122);

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.read(doubled))
                .withMessage("line 7: comes after the end record");
    }

    @Test
    void readsBackEitherClearingHouseFillAndRefusesAnyOther() {
        // given the same file with zeros, with spaces, and with a stray digit in bytes 39-42 of line 2
        byte[] zeros = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.ZEROS);
        byte[] spaces = ZenginFileWriter.write(ZenginFileWriterTest.HEADER, ZenginFileWriterTest.TRANSFERS, ZenginClearingHouse.SPACES);
        byte[] mixed = zeros.clone();
        mixed[122 + 38] = ' ';

        // when / then
        assertThat(ZenginFileReader.read(zeros).transfers()).isEqualTo(ZenginFileWriterTest.TRANSFERS);
        assertThat(ZenginFileReader.read(spaces).transfers()).isEqualTo(ZenginFileWriterTest.TRANSFERS);
        assertThatIllegalArgumentException().isThrownBy(() -> ZenginFileReader.read(mixed))
                .withMessage("line 2: clearing house (bytes 39-42) is neither 0000 nor spaces");
    }
}

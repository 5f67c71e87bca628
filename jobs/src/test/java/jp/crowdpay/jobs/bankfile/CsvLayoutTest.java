package jp.crowdpay.jobs.bankfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnmappableCharacterException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.BankAccount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Per-bank CSV layouts read from configuration, written and read back. */
class CsvLayoutTest {

    private static final Charset WINDOWS_31J = Charset.forName("Windows-31J");
    private static final Path SHIPPED_LAYOUTS = Path.of("../config/bank-layouts");

    @TempDir
    Path folder;

    private static final List<PayoutLine> TWO_LINES = List.of(
            new PayoutLine(1, new BankAccount("0036", "251", AccountType.ORDINARY, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ"), 1_400,
                    "ﾗｸﾃﾝ", "ｼﾞﾔｽﾞ"),
            new PayoutLine(2, new BankAccount("0005", "001", AccountType.CHECKING, "7654321", "ｽｽﾞｷ(ｶ"), 19_599,
                    null, null));

    private static byte[] write(CsvBankFileFormat format, List<PayoutLine> lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BankFileFormat.LineWriter writer = format.open(out, LocalDate.of(2026, 11, 25))) {
            for (PayoutLine line : lines) {
                writer.write(line);
            }
        }
        return out.toByteArray();
    }

    @Test
    void writesHeaderNamesAndTrailerInTheShippedBankLayout() throws IOException {
        // given
        CsvBankFileFormat format = new CsvBankFileFormat(CsvLayoutFile.load(SHIPPED_LAYOUTS, "gmo-aozora"));
        // when
        byte[] bytes = write(format, TWO_LINES);
        // then
        assertThat(bytes).isEqualTo((
                "金融機関コード,金融機関名,支店コード,支店名,預金種目,口座番号,受取人名,振込金額,顧客コード\r\n"
                + "0036,ﾗｸﾃﾝ,251,ｼﾞﾔｽﾞ,1,1234567,ﾔﾏﾀﾞ ﾀﾛｳ,1400,0000000001\r\n"
                + "0005,,001,,2,7654321,ｽｽﾞｷ(ｶ,19599,0000000002\r\n"
                + "合計,2,20999\r\n").getBytes(WINDOWS_31J));
    }

    @Test
    void aLineTheEncodingCannotWriteFailsTheFileAtThatLine() throws IOException {
        // given: a bank name with a character Windows-31J has not (the payout checks keep such names out of the file)
        CsvBankFileFormat format = new CsvBankFileFormat(CsvLayoutFile.load(SHIPPED_LAYOUTS, "gmo-aozora"));
        PayoutLine unwritable = new PayoutLine(3, new BankAccount("0005", "001", AccountType.ORDINARY, "1111111", "ﾔﾏﾀﾞ ﾀﾛｳ"),
                5_000, "ﾐｽﾞﾎ\uD83D\uDE00", null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BankFileFormat.LineWriter writer = format.open(out, LocalDate.of(2026, 11, 25))) {
            writer.write(TWO_LINES.get(0));
            // when / then: thrown by the write of that line, not kept for a check nobody makes
            assertThatThrownBy(() -> writer.write(unwritable)).isInstanceOf(UnmappableCharacterException.class);
        }
    }

    @Test
    void readsBackTheTotalsOfAFileWithHeaderAndTrailer() throws IOException {
        // given
        CsvBankFileFormat format = new CsvBankFileFormat(CsvLayoutFile.load(SHIPPED_LAYOUTS, "gmo-aozora"));
        Path file = folder.resolve("payout.csv");
        Files.write(file, write(format, TWO_LINES));
        // when
        BankFileFormat.FileTotals totals = format.totals(file);
        // then
        assertThat(totals).isEqualTo(new BankFileFormat.FileTotals(2, java.math.BigInteger.valueOf(20_999)));
    }

    @Test
    void refusesAFileWhoseTrailerDisagreesWithItsRows() throws IOException {
        // given
        CsvBankFileFormat format = new CsvBankFileFormat(CsvLayoutFile.load(SHIPPED_LAYOUTS, "gmo-aozora"));
        Path file = folder.resolve("payout.csv");
        String written = new String(write(format, TWO_LINES), WINDOWS_31J);
        Files.write(file, written.replace("合計,2,20999", "合計,2,21000").getBytes(WINDOWS_31J));
        // when / then
        assertThatThrownBy(() -> format.totals(file)).hasMessageContaining("trailer row does not state");
    }

    @Test
    void writesAConfiguredUtf8LayoutWithLfAndReorderedColumns() throws IOException {
        // given
        Files.writeString(folder.resolve("mini.yml"), """
                columns: [customer_code, amount, bank_code, branch_code, account_number, payee_name]
                trailer: [END, count, total]
                encoding: UTF-8
                line-ending: LF
                """);
        // when
        byte[] bytes = write(new CsvBankFileFormat(CsvLayoutFile.load(folder, "mini")), TWO_LINES);
        // then
        assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(
                "0000000001,1400,0036,251,1234567,ﾔﾏﾀﾞ ﾀﾛｳ\n"
                + "0000000002,19599,0005,001,7654321,ｽｽﾞｷ(ｶ\n"
                + "END,2,20999\n");
    }

    @Test
    void usesTheBuiltInDefaultWhenNoLayoutFileExistsAndTheShippedDefaultIsTheSame() {
        // when
        CsvLayout builtIn = CsvLayoutFile.load(folder, CsvLayout.DEFAULT);
        CsvLayout shipped = CsvLayoutFile.load(SHIPPED_LAYOUTS, CsvLayout.DEFAULT);
        // then
        assertThat(builtIn).isSameAs(CsvLayout.BUILT_IN);
        assertThat(shipped).isEqualTo(CsvLayout.BUILT_IN);
    }

    @Test
    void refusesALayoutWithoutTheAmountOrWithAnUnknownColumnNamingTheFile() throws IOException {
        // given
        Files.writeString(folder.resolve("no-amount.yml"), "columns: [bank_code, branch_code, account_number, payee_name]\n");
        Files.writeString(folder.resolve("typo.yml"), "columns: [bank_code, branch_code, account_number, payee_name, amont]\n");
        // when / then
        assertThatThrownBy(() -> CsvLayoutFile.load(folder, "no-amount"))
                .hasMessageContaining("no-amount.yml").hasMessageContaining("columns lack [amount]");
        assertThatThrownBy(() -> CsvLayoutFile.load(folder, "typo")).hasMessageContaining("unknown column 'amont'");
        assertThatThrownBy(() -> CsvLayoutFile.load(folder, "missing")).hasMessageContaining("no layout file");
    }
}

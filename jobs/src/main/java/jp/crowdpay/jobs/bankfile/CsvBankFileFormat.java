package jp.crowdpay.jobs.bankfile;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigInteger;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A CSV bank file in a configured {@link CsvLayout}; by default the layout of docs/rules.md:
 * bank_code,branch_code,account_type,account_number,payee_name,amount,customer_code, no header,
 * CRLF, Windows-31J. No field can hold a comma or a quote (the account rules and the layout
 * forbid them), so nothing is quoted.
 */
public class CsvBankFileFormat implements BankFileFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final CsvLayout layout;
    /** Whether the encoding writes every ASCII character, so that an ASCII field needs no encoder. */
    private final boolean writesAscii;

    public CsvBankFileFormat() {
        this(CsvLayout.BUILT_IN);
    }

    public CsvBankFileFormat(CsvLayout layout) {
        this.layout = layout;
        CharsetEncoder encoder = layout.encoding().newEncoder();
        this.writesAscii = IntStream.range(0, 0x80).allMatch(c -> encoder.canEncode((char) c));
    }

    @Override
    public String name() {
        return "csv";
    }

    @Override
    public String fileName(LocalDate businessDate) {
        return "payout-" + DAY.format(businessDate) + ".csv";
    }

    @Override
    public LineWriter open(OutputStream out, LocalDate businessDate) throws IOException {
        // an unmappable character must fail the file, never become a '?' in a payee name
        var encoder = layout.encoding().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        LineWriting csv = new LineWriting(new OutputStreamWriter(out, encoder), layout.lineEnding());
        if (!layout.header().isEmpty()) {
            csv.writeLine(layout.header().toArray(String[]::new));
        }
        return new LineWriter() {
            private long count;
            private BigInteger total = BigInteger.ZERO;

            @Override
            public void write(PayoutLine line) throws IOException {
                String[] fields = new String[layout.columns().size()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = layout.columns().get(i).valueOf(line);
                }
                csv.writeLine(fields);
                count++;
                total = total.add(BigInteger.valueOf(line.amountYen()));
            }

            @Override
            public void close() throws IOException {
                if (!layout.trailer().isEmpty()) {
                    csv.writeLine(trailer(count, total).toArray(String[]::new));
                }
                csv.close();
            }
        };
    }

    /**
     * Nothing is quoted, so a field must not hold a comma, quote or line break (the account rules
     * keep them out of the worker's fields, not out of the bank master's names); every character
     * must be in the layout's encoding; and a customer code is 10 digits.
     */
    @Override
    public Optional<String> cannotWrite(PayoutLine line) {
        // every payout is checked: encoders and error texts are made only for the fields that need them
        CharsetEncoder encoder = null;
        for (CsvLayout.Column column : layout.columns()) {
            if (column == CsvLayout.Column.CUSTOMER_CODE && !line.customerCodeFits()) {
                return cannotHold("customer code must be 0 or more and fit 10 digits");
            }
            String value = column.valueOf(line);
            boolean ascii = true;
            for (int i = 0; i < value.length(); i++) {
                char c = value.charAt(i);
                if (c == ',' || c == '"' || c == '\r' || c == '\n') {
                    return cannotHold(fieldName(column) + " has a comma, quote or line break, which an unquoted field cannot hold");
                }
                ascii &= c < 0x80;
            }
            if (ascii && writesAscii) {
                continue;
            }
            if (encoder == null) {
                encoder = layout.encoding().newEncoder();
            }
            if (!encoder.canEncode(value)) {
                return cannotHold(fieldName(column) + " has a character that " + layout.encoding().name() + " cannot write");
            }
        }
        return Optional.empty();
    }

    private static String fieldName(CsvLayout.Column column) {
        return column.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static Optional<String> cannotHold(String problem) {
        return Optional.of("the csv file cannot hold this line: " + problem);
    }

    @Override
    public Optional<FileLimits> limits() {
        return Optional.empty();
    }

    private List<String> trailer(long count, BigInteger total) {
        List<String> row = new ArrayList<>();
        for (String item : layout.trailer()) {
            row.add(item.equals(CsvLayout.COUNT) ? Long.toString(count)
                    : item.equals(CsvLayout.TOTAL) ? total.toString() : item);
        }
        return row;
    }

    /**
     * Counts the data rows and sums their amounts; a trailer must agree with both. Reads one row
     * ahead (the last row is the trailer when the layout has one), so memory stays the same
     * whatever the number of rows.
     */
    @Override
    public FileTotals totals(Path file) throws IOException {
        boolean hasTrailer = !layout.trailer().isEmpty();
        boolean headerRead = layout.header().isEmpty();
        long records = 0;
        BigInteger total = BigInteger.ZERO;
        // with a trailer, the last row read is held back until a later one shows it was data
        String pending = null;
        try (BufferedReader reader = Files.newBufferedReader(file, layout.encoding())) {
            int number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!headerRead) {
                    headerRead = true;
                } else if (!hasTrailer) {
                    total = total.add(amount(file, line, number));
                    records++;
                } else {
                    if (pending != null) {
                        total = total.add(amount(file, pending, number - 1));
                        records++;
                    }
                    pending = line;
                }
            }
        }
        if (!headerRead || hasTrailer && pending == null) {
            throw new IOException(file + ": the layout " + layout.name() + " needs a header and trailer row");
        }
        if (hasTrailer && !pending.equals(String.join(",", trailer(records, total)))) {
            throw new IOException(file + ": the trailer row does not state the file's " + records
                    + " records and " + total + " yen");
        }
        return new FileTotals(records, total);
    }

    private BigInteger amount(Path file, String line, int number) throws IOException {
        String[] fields = line.split(",", -1);
        if (fields.length != layout.columns().size()) {
            throw new IOException(file + " line " + number + ": expected " + layout.columns().size()
                    + " fields, found " + fields.length);
        }
        return new BigInteger(fields[layout.amountIndex()]);
    }

    /**
     * Writes opencsv's lines, each built in one builder kept for the file: opencsv's own writeNext
     * builds every line in a new one of 1,024 characters (two kilobytes more once a payee name
     * needs kana), about 3 KB of garbage per line, gigabytes at 2M lines, which made the JVM grow
     * its heap while the file was written beside the settling. And a failed write is thrown at
     * once, where writeNext would keep it for a checkError() nobody calls.
     */
    private static final class LineWriting extends CSVWriter {
        private final StringBuilder line = new StringBuilder(128);

        LineWriting(Writer writer, String lineEnd) {
            super(writer, ',', ICSVWriter.NO_QUOTE_CHARACTER, ICSVWriter.NO_ESCAPE_CHARACTER, lineEnd);
        }

        void writeLine(String[] fields) throws IOException {
            line.setLength(0);
            writeNext(fields, false, line);
        }
    }
}

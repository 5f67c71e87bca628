package jp.crowdpay.jobs.bankfile;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV bank file in a configured {@link CsvLayout}; by default the layout of PRODUCT.md:
 * bank_code,branch_code,account_type,account_number,payee_name,amount,customer_code, no header,
 * CRLF, Windows-31J. No field can hold a comma or a quote (the account rules and the layout
 * forbid them), so nothing is quoted.
 */
public class CsvBankFileFormat implements BankFileFormat {

    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    private final CsvLayout layout;

    public CsvBankFileFormat() {
        this(CsvLayout.BUILT_IN);
    }

    public CsvBankFileFormat(CsvLayout layout) {
        this.layout = layout;
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
    public LineWriter open(OutputStream out, LocalDate businessDate) {
        // an unmappable character must fail the file, never become a '?' in a payee name
        var encoder = layout.encoding().newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ICSVWriter csv = new CSVWriter(new OutputStreamWriter(out, encoder), ',',
                ICSVWriter.NO_QUOTE_CHARACTER, ICSVWriter.NO_ESCAPE_CHARACTER, layout.lineEnding());
        if (!layout.header().isEmpty()) {
            csv.writeNext(layout.header().toArray(String[]::new), false);
        }
        return new LineWriter() {
            private long count;
            private long total;

            @Override
            public void write(PayoutLine line) {
                String[] fields = new String[layout.columns().size()];
                for (int i = 0; i < fields.length; i++) {
                    fields[i] = layout.columns().get(i).valueOf(line);
                }
                csv.writeNext(fields, false);
                count++;
                total = Math.addExact(total, line.amountYen());
            }

            @Override
            public void close() throws IOException {
                if (!layout.trailer().isEmpty()) {
                    csv.writeNext(trailer(count, total).toArray(String[]::new), false);
                }
                csv.close();
            }
        };
    }

    private List<String> trailer(long count, long total) {
        List<String> row = new ArrayList<>();
        for (String item : layout.trailer()) {
            row.add(item.equals(CsvLayout.COUNT) ? Long.toString(count)
                    : item.equals(CsvLayout.TOTAL) ? Long.toString(total) : item);
        }
        return row;
    }

    /** Counts the data rows and sums their amounts; a trailer must agree with both. */
    @Override
    public FileTotals totals(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        try (BufferedReader reader = Files.newBufferedReader(file, layout.encoding())) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                lines.add(line);
            }
        }
        int first = layout.header().isEmpty() ? 0 : 1;
        int end = lines.size() - (layout.trailer().isEmpty() ? 0 : 1);
        if (end < first) {
            throw new IOException(file + ": the layout " + layout.name() + " needs a header and trailer row");
        }
        long records = 0;
        long total = 0;
        for (int i = first; i < end; i++) {
            String[] fields = lines.get(i).split(",", -1);
            if (fields.length != layout.columns().size()) {
                throw new IOException(file + " line " + (i + 1) + ": expected " + layout.columns().size()
                        + " fields, found " + fields.length);
            }
            records++;
            total = Math.addExact(total, Long.parseLong(fields[layout.amountIndex()]));
        }
        if (end < lines.size()) {
            String expected = String.join(",", trailer(records, total));
            if (!lines.get(end).equals(expected)) {
                throw new IOException(file + ": the trailer row does not state the file's " + records
                        + " records and " + total + " yen");
            }
        }
        return new FileTotals(records, total);
    }
}

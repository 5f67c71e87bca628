package jp.crowdpay.jobs.bankfile;

import com.opencsv.CSVWriter;
import com.opencsv.ICSVWriter;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;

/**
 * The default CSV layout: one line per payout, no header, CRLF, Windows-31J:
 * bank_code,branch_code,account_type,account_number,payee_name,amount,customer_code.
 * No field can hold a comma or a quote (the account rules forbid them), so nothing is quoted.
 */
public class CsvBankFileFormat implements BankFileFormat {

    static final Charset WINDOWS_31J = Charset.forName("Windows-31J");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

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
        var encoder = WINDOWS_31J.newEncoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ICSVWriter csv = new CSVWriter(new OutputStreamWriter(out, encoder), ',',
                ICSVWriter.NO_QUOTE_CHARACTER, ICSVWriter.NO_ESCAPE_CHARACTER, "\r\n");
        return new LineWriter() {
            @Override
            public void write(PayoutLine line) {
                BankAccount account = line.account();
                csv.writeNext(new String[] {
                        account.bankCode(), account.branchCode(), Integer.toString(account.accountType().code()),
                        account.accountNumber(), account.payeeName(), Long.toString(line.amountYen()),
                        line.customerCode()}, false);
            }

            @Override
            public void close() throws IOException {
                csv.close();
            }
        };
    }

    @Override
    public FileTotals totals(Path file) throws IOException {
        long records = 0;
        long total = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, WINDOWS_31J)) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",", -1);
                if (fields.length != 7) {
                    throw new IOException(file + " line " + (records + 1) + ": expected 7 fields, found " + fields.length);
                }
                records++;
                total = Math.addExact(total, Long.parseLong(fields[5]));
            }
        }
        return new FileTotals(records, total);
    }
}

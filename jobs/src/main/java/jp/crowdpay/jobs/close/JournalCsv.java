package jp.crowdpay.jobs.close;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The journal as plain CSV for other software: UTF-8 without a byte-order mark, a header line,
 * CRLF, one line per entry whatever its amount. No field holds a comma or a double quote.
 */
final class JournalCsv {

    static final String HEADER = "date,movement,debit_account,debit_tax_category,credit_account,credit_tax_category,"
            + "amount_yen,count,description";

    private JournalCsv() {
    }

    static byte[] write(List<JournalEntry> entries) {
        StringBuilder text = new StringBuilder(HEADER).append("\r\n");
        for (JournalEntry entry : entries) {
            text.append(String.join(",", entry.date().toString(), entry.movement().name(), entry.debitAccount(),
                    entry.debitTaxCategory(), entry.creditAccount(), entry.creditTaxCategory(), entry.yen().toString(),
                    Long.toString(entry.count()), entry.description())).append("\r\n");
        }
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}

package jp.crowdpay.jobs.close;

import java.math.BigInteger;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The journal in 弥生会計's import format (弥生インポート形式, 仕訳日記帳): one line per entry, no
 * header, 25 comma-separated fields in the documented order, CP932, CRLF. Each line is an entry of
 * its own (識別フラグ 2000), its debit equal to its credit. An amount has at most 9 digits, so an
 * entry of 1,000,000,000 yen or more is written as several lines of at most 999,999,999 yen each,
 * their 摘要 numbered (1/2), (2/2). Field values never hold a comma or a double quote (the settings
 * are checked for it), so no field is quoted.
 */
final class YayoiImportFormat {

    /** The largest amount a line holds: 9 digits. */
    static final BigInteger MOST_YEN = BigInteger.valueOf(999_999_999L);
    /** The 摘要 holds 64 half-width characters: the CP932 bytes of the description. */
    static final int DESCRIPTION_BYTES = 64;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd");

    private YayoiImportFormat() {
    }

    /** The lines written, and the yen of their debit and credit columns, summed as written. */
    record Written(byte[] bytes, int lines, BigInteger debitYen, BigInteger creditYen) {
    }

    static Written write(List<JournalEntry> entries) {
        StringBuilder text = new StringBuilder();
        int lines = 0;
        BigInteger debit = BigInteger.ZERO;
        BigInteger credit = BigInteger.ZERO;
        for (JournalEntry entry : entries) {
            List<BigInteger> parts = split(entry.yen());
            for (int part = 0; part < parts.size(); part++) {
                String description = entry.description() + (parts.size() == 1 ? "" : " (" + (part + 1) + "/" + parts.size() + ")");
                if (description.getBytes(CloseProperties.CP932).length > DESCRIPTION_BYTES) {
                    throw new IllegalStateException("the 摘要 '" + description + "' is longer than 弥生会計 imports");
                }
                String yen = parts.get(part).toString();
                List<String> fields = List.of(
                        "2000", "", "", DATE.format(entry.date()),
                        entry.debitAccount(), "", "", entry.debitTaxCategory(), yen, "",
                        entry.creditAccount(), "", "", entry.creditTaxCategory(), yen, "",
                        description, "", "", "0", "", "", "0", "0", "no");
                text.append(String.join(",", fields)).append("\r\n");
                lines++;
                debit = debit.add(new BigInteger(fields.get(8)));
                credit = credit.add(new BigInteger(fields.get(14)));
            }
        }
        return new Written(text.toString().getBytes(CloseProperties.CP932), lines, debit, credit);
    }

    /** The amounts of the lines an entry of {@code yen} is written as: as many of {@link #MOST_YEN} as fit, then the rest. */
    static List<BigInteger> split(BigInteger yen) {
        List<BigInteger> parts = new ArrayList<>();
        BigInteger left = yen;
        while (left.compareTo(MOST_YEN) > 0) {
            parts.add(MOST_YEN);
            left = left.subtract(MOST_YEN);
        }
        parts.add(left);
        return parts;
    }
}

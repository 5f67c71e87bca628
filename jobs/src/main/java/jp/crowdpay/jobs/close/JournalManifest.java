package jp.crowdpay.jobs.close;

import java.math.BigInteger;
import java.time.YearMonth;

/**
 * The small file beside a month's journal files that states what they hold; its bytes are a
 * function of the recorded close (no database ids, no times).
 *
 * @param yayoiLines the lines of the 弥生会計 file (an entry of 10 digits of yen or more is several)
 * @param entries    the journal entries, one line each in the plain CSV
 */
record JournalManifest(YearMonth month, String yayoiFile, int yayoiLines, String yayoiSha256, String csvFile,
                       int entries, String csvSha256, BigInteger debitYen, BigInteger creditYen, Tally opening,
                       Tally closing, BigInteger paidTransferredYen, BigInteger paidFeeYen, BigInteger expiredYen,
                       BigInteger recreditedYen) {

    static String fileNameFor(YearMonth month) {
        return "journal-" + compact(month) + ".manifest.json";
    }

    static String yayoiFileNameFor(YearMonth month) {
        return "journal-" + compact(month) + ".csv";
    }

    static String csvFileNameFor(YearMonth month) {
        return "journal-" + compact(month) + "-utf8.csv";
    }

    private static String compact(YearMonth month) {
        return String.format("%04d%02d", month.getYear(), month.getMonthValue());
    }

    String toJson() {
        return "{\n"
                + "  \"month\": \"" + month + "\",\n"
                + "  \"yayoi_file\": \"" + yayoiFile + "\",\n"
                + "  \"yayoi_encoding\": \"CP932\",\n"
                + "  \"yayoi_lines\": " + yayoiLines + ",\n"
                + "  \"yayoi_sha256\": \"" + yayoiSha256 + "\",\n"
                + "  \"csv_file\": \"" + csvFile + "\",\n"
                + "  \"csv_encoding\": \"UTF-8\",\n"
                + "  \"entries\": " + entries + ",\n"
                + "  \"csv_sha256\": \"" + csvSha256 + "\",\n"
                + "  \"debit_yen\": " + debitYen + ",\n"
                + "  \"credit_yen\": " + creditYen + ",\n"
                + "  \"opening_yen\": " + opening.yen() + ",\n"
                + "  \"paid_transferred_yen\": " + paidTransferredYen + ",\n"
                + "  \"paid_fee_yen\": " + paidFeeYen + ",\n"
                + "  \"expired_yen\": " + expiredYen + ",\n"
                + "  \"recredited_yen\": " + recreditedYen + ",\n"
                + "  \"closing_yen\": " + closing.yen() + "\n"
                + "}\n";
    }
}

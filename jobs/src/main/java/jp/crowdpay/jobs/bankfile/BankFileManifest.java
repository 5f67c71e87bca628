package jp.crowdpay.jobs.bankfile;

import java.math.BigInteger;
import java.time.LocalDate;

/** The small file beside a bank file that states what it holds; its bytes are a function of the run. */
public record BankFileManifest(long runId, LocalDate businessDate, String format, String file,
                               long records, BigInteger totalYen, String sha256) {

    public static String fileNameFor(String bankFileName) {
        return bankFileName + ".manifest.json";
    }

    /** Fixed key order and layout, so that the same run always gives the same bytes. */
    public String toJson() {
        return "{\n"
                + "  \"run_id\": " + runId + ",\n"
                + "  \"business_date\": \"" + businessDate + "\",\n"
                + "  \"format\": \"" + format + "\",\n"
                + "  \"file\": \"" + file + "\",\n"
                + "  \"records\": " + records + ",\n"
                + "  \"total_yen\": " + totalYen + ",\n"
                + "  \"sha256\": \"" + sha256 + "\"\n"
                + "}\n";
    }
}

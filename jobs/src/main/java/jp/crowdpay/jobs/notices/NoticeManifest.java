package jp.crowdpay.jobs.notices;

import java.math.BigInteger;
import java.time.LocalDate;

/**
 * The small file beside a notice file that states what it holds; its bytes are a function of the
 * night's notices (no database ids, which a rolled-back attempt would have moved on).
 */
record NoticeManifest(LocalDate businessDate, String file, long records, BigInteger yenAtRisk,
                      String sha256) {

    static String fileNameFor(String noticeFileName) {
        return noticeFileName + ".manifest.json";
    }

    String toJson() {
        return "{\n"
                + "  \"business_date\": \"" + businessDate + "\",\n"
                + "  \"file\": \"" + file + "\",\n"
                + "  \"records\": " + records + ",\n"
                + "  \"yen_at_risk\": " + yenAtRisk + ",\n"
                + "  \"sha256\": \"" + sha256 + "\"\n"
                + "}\n";
    }
}

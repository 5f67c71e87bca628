package jp.crowdpay.jobs.returns.notice;

import java.util.regex.Pattern;
import jp.crowdpay.jobs.bankfile.account.Masking;

/**
 * How a refusal may show a value it read from a notice. Refusals reach standard error, logs and
 * cron's mail, and a misaligned export can put a payee name or an account number into any
 * column, the reason code's included. So a value is quoted only in a form that no personal data
 * takes (a code of up to three digits, one of our bank file names); anything else is masked.
 */
public final class RefusalText {

    private static final Pattern CODE = Pattern.compile("[0-9]{1,3}");
    private static final Pattern BANK_FILE = Pattern.compile("payout-[0-9]{8}\\.(csv|txt)");

    private RefusalText() {
    }

    /** {@code '05'}; {@code 'ﾔ***' (masked)} for anything that is not a short code. */
    public static String code(String value) {
        return CODE.matcher(value).matches() ? "'" + value + "'" : masked(value);
    }

    /** {@code payout-20261124.csv}; anything that is not the name of one of our bank files masked. */
    public static String bankFile(String value) {
        return BANK_FILE.matcher(value).matches() ? value : masked(value);
    }

    private static String masked(String value) {
        return value.isEmpty() ? "(empty)" : "'" + Masking.name(value) + "' (masked)";
    }
}

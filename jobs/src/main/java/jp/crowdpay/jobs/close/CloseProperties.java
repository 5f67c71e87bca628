package jp.crowdpay.jobs.close;

import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the month-end close ({@code payout.close.*}): the account names and tax categories
 * its journal is written with. Checked when the program starts: each must be a name 弥生会計 can
 * import (see {@link #check}).
 *
 * @param taxCategory    the 税区分 of every row but the fee income's side
 * @param feeTaxCategory the 税区分 of the fee income's side (a fee kept, or refunded with a returned transfer)
 */
@ConfigurationProperties("payout.close")
public record CloseProperties(@DefaultValue Accounts accounts,
                              @DefaultValue("対象外") String taxCategory,
                              @DefaultValue("対象外") String feeTaxCategory) {

    /** The CP932 bytes of an account name 弥生会計 imports in full (its field holds 24 half-width characters). */
    static final int MOST_BYTES = 24;
    static final Charset CP932 = Charset.forName("windows-31j");

    /**
     * @param liability       what the platform owes its workers (debit when paid or forfeited, credit when re-credited)
     * @param bank            the account the transfers leave and returned transfers come back to
     * @param feeIncome       the transfer fees deducted from the workers' payouts
     * @param forfeitedIncome the rewards forfeited at their withdrawal deadline
     */
    public record Accounts(@DefaultValue("未払金") String liability,
                           @DefaultValue("普通預金") String bank,
                           @DefaultValue("受取手数料") String feeIncome,
                           @DefaultValue("雑収入") String forfeitedIncome) {

        public Accounts {
            check("payout.close.accounts.liability", liability);
            check("payout.close.accounts.bank", bank);
            check("payout.close.accounts.fee-income", feeIncome);
            check("payout.close.accounts.forfeited-income", forfeitedIncome);
        }
    }

    public CloseProperties {
        check("payout.close.tax-category", taxCategory);
        check("payout.close.fee-tax-category", feeTaxCategory);
    }

    /**
     * A name the journal can carry as it is: not blank, every character in CP932 (the file's
     * encoding), no comma, double quote or control character (field separators and quoting in
     * either file), at most {@value #MOST_BYTES} bytes in CP932.
     */
    static void check(String setting, String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidSettingException(setting, "must not be empty");
        }
        CharsetEncoder encoder = CP932.newEncoder();
        for (int offset = 0; offset < name.length(); ) {
            int codePoint = name.codePointAt(offset);
            String character = new String(Character.toChars(codePoint));
            if (codePoint == ',' || codePoint == '"' || Character.isISOControl(codePoint)) {
                throw new InvalidSettingException(setting, "'" + name + "' has " + describe(codePoint)
                        + ", which the journal files cannot carry in a field");
            }
            if (!encoder.canEncode(character)) {
                throw new InvalidSettingException(setting, "'" + name + "' has " + describe(codePoint)
                        + ", which CP932 (Shift_JIS, the encoding 弥生会計 imports) cannot encode");
            }
            offset += Character.charCount(codePoint);
        }
        int bytes = name.getBytes(CP932).length;
        if (bytes > MOST_BYTES) {
            throw new InvalidSettingException(setting, "'" + name + "' is " + bytes + " bytes in CP932; 弥生会計 imports"
                    + " at most " + MOST_BYTES + " (12 full-width characters)");
        }
    }

    private static String describe(int codePoint) {
        return String.format("U+%04X%s", codePoint,
                Character.isISOControl(codePoint) ? " (a control character)" : " '" + Character.toString(codePoint) + "'");
    }
}

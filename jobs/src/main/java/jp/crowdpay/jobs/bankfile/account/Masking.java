package jp.crowdpay.jobs.bankfile.account;

/** Shortens personal data so that logs and reports can point at an account without disclosing it. */
public final class Masking {

    private static final int ACCOUNT_DIGITS_SHOWN = 3;
    private static final int ACCOUNT_NUMBER_LENGTH = 7;

    private Masking() {
    }

    /** {@code 1234567} becomes {@code ****567}; anything that is not a full account number shows no digit. */
    public static String accountNumber(String accountNumber) {
        if (accountNumber == null) {
            return "(none)";
        }
        if (accountNumber.length() < ACCOUNT_NUMBER_LENGTH) {
            return "****";
        }
        return "****" + accountNumber.substring(accountNumber.length() - ACCOUNT_DIGITS_SHOWN);
    }

    /** Keeps the first character only, with a fixed number of stars so the length is not revealed. */
    public static String name(String name) {
        if (name == null || name.isEmpty()) {
            return "(none)";
        }
        return name.substring(0, Character.charCount(name.codePointAt(0))) + "***";
    }
}

package jp.crowdpay.jobs.bankfile;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.util.function.Predicate;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.bankfile.account.PayeeNameNormalizer;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the bank file ({@code payout.bank-file.*}). Without any of them the run writes the
 * default CSV; the Zengin settings are required, and checked at start, only when the format is
 * zengin, so that a bad requester code stops the program before anything is paid.
 */
@ConfigurationProperties("payout.bank-file")
@Validated
public record BankFileProperties(
        @DefaultValue("csv") @NotNull Format format,
        @DefaultValue("1") @Min(0) @Max(30) int leadDays,
        @DefaultValue("./config/holidays-jp.csv") @NotNull Path holidays,
        @DefaultValue(CsvLayout.DEFAULT) @NotNull String csvLayout,
        @DefaultValue("./config/bank-layouts") @NotNull Path layouts,
        Zengin zengin) {

    public enum Format { CSV, ZENGIN }

    public BankFileProperties {
        // relative to the working directory; absolute, so that every message names the file an operator finds
        holidays = holidays == null ? null : holidays.toAbsolutePath().normalize();
        layouts = layouts == null ? null : layouts.toAbsolutePath().normalize();
        if (format == Format.ZENGIN) {
            if (zengin == null) {
                throw new InvalidSettingException("payout.bank-file.zengin",
                        "the requester and sending account settings are required when payout.bank-file.format is zengin");
            }
            zengin.check();
        }
    }

    /**
     * The header of every Zengin file: who asks the bank, and from which account the money goes;
     * and what the data records carry in their clearing-house field.
     */
    public record Zengin(String requesterCode, String requesterName, String sendingBankCode, String sendingBankName,
                         String sendingBranchCode, String sendingBranchName, Integer accountType,
                         String accountNumber, @DefaultValue("zeros") ZenginClearingHouse clearingHouse) {

        private static final String PREFIX = "payout.bank-file.zengin.";
        private static final String BANK_NAME_CHARACTERS = "half-width katakana, 0-9, A-Z and - only";

        void check() {
            digits("requester-code", requesterCode, 10);
            name("requester-name", requesterName, 40, PayeeNameNormalizer::isAllowed, "half-width katakana, 0-9, A-Z, space and ( ) - . / only");
            digits("sending-bank-code", sendingBankCode, 4);
            name("sending-bank-name", sendingBankName, ZenginBankName.WIDTH, ZenginBankName::isAllowed, BANK_NAME_CHARACTERS);
            digits("sending-branch-code", sendingBranchCode, 3);
            name("sending-branch-name", sendingBranchName, ZenginBankName.WIDTH, ZenginBankName::isAllowed, BANK_NAME_CHARACTERS);
            if (accountType == null || AccountType.ofCode(accountType).isEmpty()) {
                throw new InvalidSettingException(PREFIX + "account-type", "must be 1 (普通), 2 (当座) or 4 (貯蓄)");
            }
            digits("account-number", accountNumber, 7);
            if (clearingHouse == null) {
                throw new InvalidSettingException(PREFIX + "clearing-house", "must be zeros or spaces");
            }
        }

        public ZenginHeader header(java.time.MonthDay transferDate) {
            return new ZenginHeader(requesterCode, requesterName, transferDate, sendingBankCode, sendingBankName,
                    sendingBranchCode, sendingBranchName, AccountType.ofCode(accountType).orElseThrow(), accountNumber);
        }

        // the values are the company's own, not personal data, but messages still only name the setting
        private static void digits(String setting, String value, int length) {
            if (value == null || value.length() != length || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new InvalidSettingException(PREFIX + setting, "must be " + length + " digits");
            }
        }

        /** The character rules of the bank, as {@link PayeeNameNormalizer} applies them to payee names. */
        private static void name(String setting, String value, int width, Predicate<Character> allowed,
                                 String characters) {
            if (value == null || value.isBlank()) {
                throw new InvalidSettingException(PREFIX + setting, "is required");
            }
            if (value.length() > width) {
                throw new InvalidSettingException(PREFIX + setting, "is " + value.length()
                        + " characters; the field holds " + width);
            }
            for (int i = 0; i < value.length(); i++) {
                if (!allowed.test(value.charAt(i))) {
                    throw new InvalidSettingException(PREFIX + setting, "character " + (i + 1)
                            + " is not one the bank takes (" + characters + ")");
                }
            }
            int stray = PayeeNameNormalizer.strayMark(value, 0);
            if (stray >= 0) {
                throw new InvalidSettingException(PREFIX + setting,
                        "has a " + PayeeNameNormalizer.markProblem(value.charAt(stray), stray + 1));
            }
            if (!PayeeNameNormalizer.hasLetter(value)) {
                throw new InvalidSettingException(PREFIX + setting, "has no letter (half-width katakana or A-Z)");
            }
        }
    }
}

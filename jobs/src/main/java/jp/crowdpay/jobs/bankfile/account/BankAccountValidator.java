package jp.crowdpay.jobs.bankfile.account;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks a stored bank account against the bank's field rules and normalises its payee name.
 *
 * <p>Problem messages name the fields only, never their values: they end up in run reports and
 * logs, and an account number or a name there would be personal data.
 */
public final class BankAccountValidator {

    /** Why an account cannot be paid to; the payout job reports the worker with this code. */
    public enum Reason {
        /** A field rule is broken (code lengths, account type, account number). */
        INVALID_BANK_ACCOUNT,
        /** The payee name cannot be made into a name the bank takes. */
        INVALID_PAYEE_NAME
    }

    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(BankAccount account) implements Result {
    }

    public record Invalid(Reason reason, String message) implements Result {
    }

    private BankAccountValidator() {
    }

    public static Result validate(RawBankAccount raw) {
        Optional<String> fieldProblems = fieldProblems(raw.bankCode(), raw.branchCode(), raw.accountType(),
                raw.accountNumber());
        if (fieldProblems.isPresent()) {
            return new Invalid(Reason.INVALID_BANK_ACCOUNT, fieldProblems.get());
        }
        PayeeName.Result name = PayeeNameNormalizer.normalize(raw.payeeName());
        if (name instanceof PayeeName.Invalid invalid) {
            return new Invalid(Reason.INVALID_PAYEE_NAME, invalid.problem());
        }
        String payeeName = ((PayeeName.Valid) name).name();
        AccountType type = AccountType.ofCode(raw.accountType()).orElseThrow();
        return new Valid(new BankAccount(raw.bankCode(), raw.branchCode(), type, raw.accountNumber(), payeeName));
    }

    /** Every broken field rule, joined with "; ", or empty when all hold. */
    static Optional<String> fieldProblems(String bankCode, String branchCode, Integer accountType,
            String accountNumber) {
        List<String> problems = new ArrayList<>();
        digits("bank code", bankCode, 4).ifPresent(problems::add);
        digits("branch code", branchCode, 3).ifPresent(problems::add);
        if (accountType == null) {
            problems.add("account type is missing");
        } else if (AccountType.ofCode(accountType).isEmpty()) {
            problems.add("account type must be 1 (普通), 2 (当座) or 4 (貯蓄)");
        }
        digits("account number", accountNumber, 7).ifPresent(problems::add);
        return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }

    private static Optional<String> digits(String field, String value, int length) {
        if (value == null || value.isEmpty()) {
            return Optional.of(field + " is missing");
        }
        // ASCII only: Character.isDigit would let full-width and other scripts' digits through
        boolean asciiDigits = value.chars().allMatch(c -> c >= '0' && c <= '9');
        if (!asciiDigits || value.length() != length) {
            return Optional.of(field + " must be " + length + " digits");
        }
        return Optional.empty();
    }
}

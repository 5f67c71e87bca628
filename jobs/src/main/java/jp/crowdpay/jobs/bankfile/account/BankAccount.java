package jp.crowdpay.jobs.bankfile.account;

import java.util.Objects;

/**
 * A bank account that passed every field rule, with the payee name as the bank spells it.
 * {@link BankAccountValidator} makes these from stored data; the constructor refuses anything else.
 */
public record BankAccount(String bankCode, String branchCode, AccountType accountType, String accountNumber,
        String payeeName) {

    public BankAccount {
        Objects.requireNonNull(accountType, "account type");
        BankAccountValidator.fieldProblems(bankCode, branchCode, accountType.code(), accountNumber)
                .ifPresent(problem -> {
                    throw new IllegalArgumentException(problem);
                });
        if (!(PayeeNameNormalizer.normalize(payeeName) instanceof PayeeName.Valid valid)
                || !valid.name().equals(payeeName)) {
            throw new IllegalArgumentException("payee name is not in the bank's spelling; normalise it first");
        }
    }

    /** Masked, for logs: {@code 0036-101-1-****567 ｶ***}. */
    @Override
    public String toString() {
        return bankCode + "-" + branchCode + "-" + accountType.code() + "-" + Masking.accountNumber(accountNumber)
                + " " + Masking.name(payeeName);
    }
}

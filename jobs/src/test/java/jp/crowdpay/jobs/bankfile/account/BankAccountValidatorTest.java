package jp.crowdpay.jobs.bankfile.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import jp.crowdpay.jobs.bankfile.account.BankAccountValidator.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BankAccountValidatorTest {

    private static final String ACCOUNT_NUMBER = "1234567";
    private static final String NAME = "やまだ たろう";

    @Test
    void validAccountComesBackWithTheNormalisedPayeeName() {
        // given
        RawBankAccount raw = new RawBankAccount("0036", "101", 1, ACCOUNT_NUMBER, NAME);

        // when
        BankAccountValidator.Result result = BankAccountValidator.validate(raw);

        // then
        assertThat(result).isEqualTo(new BankAccountValidator.Valid(
                new BankAccount("0036", "101", AccountType.ORDINARY, ACCOUNT_NUMBER, "ﾔﾏﾀﾞ ﾀﾛｳ")));
    }

    @ParameterizedTest(name = "[{index}] {0}/{1}/{2}/{3} -> {4}")
    @CsvSource(nullValues = "null", delimiter = '|', textBlock = """
            036    | 101  | 1    | 1234567  | bank code must be 4 digits
            00360  | 101  | 1    | 1234567  | bank code must be 4 digits
            ００３６ | 101  | 1    | 1234567  | bank code must be 4 digits
            null   | 101  | 1    | 1234567  | bank code is missing
            0036   | 10   | 1    | 1234567  | branch code must be 3 digits
            0036   | 10A  | 1    | 1234567  | branch code must be 3 digits
            0036   | 101  | 3    | 1234567  | account type must be 1 (普通), 2 (当座) or 4 (貯蓄)
            0036   | 101  | null | 1234567  | account type is missing
            0036   | 101  | 2    | 123456   | account number must be 7 digits
            0036   | 101  | 4    | 12345678 | account number must be 7 digits
            0036   | 101  | 4    | ''       | account number is missing
            """)
    void brokenFieldRuleIsAnInvalidBankAccountNamingTheField(String bank, String branch, Integer type,
            String number, String expectedMessage) {
        // given
        RawBankAccount raw = new RawBankAccount(bank, branch, type, number, NAME);

        // when
        BankAccountValidator.Result result = BankAccountValidator.validate(raw);

        // then
        assertThat(result).isEqualTo(new BankAccountValidator.Invalid(Reason.INVALID_BANK_ACCOUNT, expectedMessage));
    }

    @Test
    void everyBrokenFieldIsNamedButNoValueIsShown() {
        // given
        RawBankAccount raw = new RawBankAccount("1", "22", 9, "999", "ﾔﾏﾀﾞ");

        // when
        BankAccountValidator.Result result = BankAccountValidator.validate(raw);

        // then
        String message = ((BankAccountValidator.Invalid) result).message();
        assertThat(message).isEqualTo("bank code must be 4 digits; branch code must be 3 digits; "
                + "account type must be 1 (普通), 2 (当座) or 4 (貯蓄); account number must be 7 digits");
        assertThat(message).doesNotContain("999", "ﾔﾏﾀﾞ", "22");
    }

    @Test
    void nameThatCannotBeMadeValidIsAnInvalidPayeeName() {
        // given
        RawBankAccount raw = new RawBankAccount("0036", "101", 1, ACCOUNT_NUMBER, "yamada taro");

        // when
        BankAccountValidator.Result result = BankAccountValidator.validate(raw);

        // then
        BankAccountValidator.Invalid invalid = (BankAccountValidator.Invalid) result;
        assertThat(invalid.reason()).isEqualTo(Reason.INVALID_PAYEE_NAME);
        assertThat(invalid.message()).contains("lower-case letter at position 1").doesNotContain("yamada").doesNotContain("'y'");
    }

    @Test
    void fieldRulesAreReportedBeforeTheName() {
        // given both a broken field and a bad name
        RawBankAccount raw = new RawBankAccount("0036", "101", 1, "12", "山田");

        // when
        BankAccountValidator.Result result = BankAccountValidator.validate(raw);

        // then
        assertThat(((BankAccountValidator.Invalid) result).reason()).isEqualTo(Reason.INVALID_BANK_ACCOUNT);
    }

    @Test
    void accountsPrintMaskedInLogs() {
        // given
        BankAccount account = new BankAccount("0036", "101", AccountType.ORDINARY, ACCOUNT_NUMBER, "ｶﾄｳ ﾊﾅｺ");
        RawBankAccount raw = new RawBankAccount("0036", "101", 1, ACCOUNT_NUMBER, "加藤 花子");

        // when
        String logged = account.toString();
        String loggedRaw = raw.toString();

        // then
        assertThat(logged).isEqualTo("0036-101-1-****567 ｶ***");
        assertThat(loggedRaw).isEqualTo("0036-101-1-****567 加***");
    }

    @Test
    void validAccountCannotBeBuiltAroundTheRules() {
        // given / when / then
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BankAccount("36", "101", AccountType.ORDINARY, ACCOUNT_NUMBER, "ﾔﾏﾀﾞ"))
                .withMessage("bank code must be 4 digits");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new BankAccount("0036", "101", AccountType.ORDINARY, ACCOUNT_NUMBER, "ヤマダ"))
                .withMessageContaining("normalise it first");
    }
}

package jp.crowdpay.jobs.bankfile.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskingTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            1234567, ****567
            123,     ****
            '',      ****
            null,    (none)
            """)
    void accountNumberShowsOnlyItsLastThreeDigits(String accountNumber, String expected) {
        // given an account number, whole or not

        // when
        String masked = Masking.accountNumber(accountNumber);

        // then
        assertThat(masked).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(nullValues = "null", textBlock = """
            ﾔﾏﾀﾞ ﾀﾛｳ, ﾔ***
            A,       A***
            𠮷野,    𠮷***
            '',      (none)
            null,    (none)
            """)
    void nameShowsOnlyItsFirstCharacterWithoutRevealingItsLength(String name, String expected) {
        // given a name

        // when
        String masked = Masking.name(name);

        // then
        assertThat(masked).isEqualTo(expected);
    }
}

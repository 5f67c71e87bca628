package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;

class ClosePropertiesTest {

    private static final String SETTING = "payout.close.accounts.liability";

    @Test
    void aNameCp932CannotEncodeIsRefusedNamingTheSettingAndTheCharacter() {
        // when / then: U+301C WAVE DASH has no CP932 code (CP932 writes U+FF5E FULLWIDTH TILDE)
        assertThatThrownBy(() -> CloseProperties.check(SETTING, "未払金〜")).isInstanceOf(InvalidSettingException.class)
                .hasMessage("payout.close.accounts.liability: '未払金〜' has U+301C '〜', which CP932 (Shift_JIS, the encoding"
                        + " 弥生会計 imports) cannot encode");
        assertThatCode(() -> CloseProperties.check(SETTING, "未払金～")).doesNotThrowAnyException();
    }

    @Test
    void aNameWithACommaOrAQuoteOrNothingIsRefused() {
        // when / then
        assertThatThrownBy(() -> CloseProperties.check(SETTING, "未払金,仮")).hasMessage("payout.close.accounts.liability:"
                + " '未払金,仮' has U+002C ',', which the journal files cannot carry in a field");
        assertThatThrownBy(() -> CloseProperties.check(SETTING, "\"未払金\"")).hasMessageContaining("has U+0022");
        assertThatThrownBy(() -> CloseProperties.check(SETTING, " ")).hasMessage("payout.close.accounts.liability: must not be empty");
    }

    @Test
    void aNameMayHoldTwentyFourBytesInCp932AndNotTwentyFive() {
        // when / then: twelve full-width characters are 24 bytes; eleven and two half-width ones 24; one more is 25
        assertThatCode(() -> CloseProperties.check(SETTING, "未払金未払金未払金未払金")).doesNotThrowAnyException();
        assertThatCode(() -> CloseProperties.check(SETTING, "未払金未払金未払金未払AB")).doesNotThrowAnyException();
        assertThatThrownBy(() -> CloseProperties.check(SETTING, "未払金未払金未払金未払金A")).hasMessage(
                "payout.close.accounts.liability: '未払金未払金未払金未払金A' is 25 bytes in CP932; 弥生会計 imports at most 24"
                        + " (12 full-width characters)");
    }
}

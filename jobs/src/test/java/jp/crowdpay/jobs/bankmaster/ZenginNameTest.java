package jp.crowdpay.jobs.bankmaster;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bank and branch names of a Zengin data record: only the characters that field takes. */
class ZenginNameTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            # the bank-name field takes kana, ﾞ ﾟ, A-Z, 0-9 and - only: the payee name's ( ) . / and spaces are dropped
            クレデイ．アグリコル             | ｸﾚﾃﾞｲｱｸﾞﾘｺﾙ
            （カ）テスト／ギンコウ           | ｶﾃｽﾄｷﾞﾝｺｳ
            トウキヨウ　エキマエ             | ﾄｳｷﾖｳｴｷﾏｴ
            ミツビシユ－エフジエイ           | ﾐﾂﾋﾞｼﾕ-ｴﾌｼﾞｴｲ
            ＳＢＩシンセイ                   | SBIｼﾝｾｲ
            # ヲ as banks read it
            ヲカ                             | ｵｶ
            # dropped before the cut to 15, so that the 15 are all written
            アイウエオ．カキクケコ．サシスセソタ | ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿ
            # nothing the field takes: blank, as for a name with a character no bank takes
            ．．．                           | -
            テスト・ギンコウ                 | -
            """)
    void keepsOnlyTheCharactersOfTheBankNameField(String kana, String expected) {
        // given the master's full-width kana

        // when
        String name = ZenginName.of(kana);

        // then
        assertThat(name).isEqualTo(expected);
    }
}

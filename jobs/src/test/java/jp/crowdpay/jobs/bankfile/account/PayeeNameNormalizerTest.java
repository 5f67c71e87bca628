package jp.crowdpay.jobs.bankfile.account;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class PayeeNameNormalizerTest {

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # already valid
            ﾔﾏﾀﾞ ﾀﾛｳ            | ﾔﾏﾀﾞ ﾀﾛｳ
            # full-width katakana
            ヤマダ　タロウ         | ﾔﾏﾀﾞ ﾀﾛｳ
            # hiragana
            やまだ たろう          | ﾔﾏﾀﾞ ﾀﾛｳ
            # small kana written large
            キュウ                 | ｷﾕｳ
            ｷｭｳ                  | ｷﾕｳ
            ァィゥェォッャュョ     | ｱｲｳｴｵﾂﾔﾕﾖ
            ｧｨｩｪｫｯｬｭｮ            | ｱｲｳｴｵﾂﾔﾕﾖ
            ヮヵヶ                 | ﾜｶｹ
            ぁっゃゎゕゖ           | ｱﾂﾔﾜｶｹ
            # voiced and semi-voiced
            ガギグゲゴ             | ｶﾞｷﾞｸﾞｹﾞｺﾞ
            パピプペポ             | ﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ
            ヴ                     | ｳﾞ
            ゔ                     | ｳﾞ
            # ヲ as banks read it: オ (ｦ is not in the table of payee-name characters)
            ヲノ                   | ｵﾉ
            をの                   | ｵﾉ
            ｦﾉ                    | ｵﾉ
            # decomposed kana (combining marks) and spacing marks
            カ\u3099ハ\u309A       | ｶﾞﾊﾟ
            カ゛ハ゜               | ｶﾞﾊﾟ
            # long vowel mark and dashes
            サーバー               | ｻ-ﾊﾞ-
            ｻｰﾊﾞｰ                | ｻ-ﾊﾞ-
            ア‐イ―ウ−エ–オ        | ｱ-ｲ-ｳ-ｴ-ｵ
            # full-width digits, letters and symbols
            ＡＢＣ１２３           | ABC123
            （カ）クラウド．ペイ／１ | (ｶ)ｸﾗｳﾄﾞ.ﾍﾟｲ/1
            ＡＢＣ－１             | ABC-1
            # spaces trimmed and collapsed
            '  ﾀﾅｶ   ﾊﾅｺ  '       | ﾀﾅｶ ﾊﾅｺ
            '　タナカ　　ハナコ　' | ﾀﾅｶ ﾊﾅｺ
            'ﾀﾅｶ\tﾊﾅｺ'            | ﾀﾅｶ ﾊﾅｺ
            """)
    void convertsToTheBanksHalfWidthSpelling(String raw, String expected) {
        // given a stored name (javac turns the table's tab and combining-mark escapes into the characters)

        // when
        PayeeName.Result result = PayeeNameNormalizer.normalize(raw);

        // then
        assertThat(result).isEqualTo(new PayeeName.Valid(expected));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            yamada            | payee name has a lower-case letter at position 1;
            YAMADa            | payee name has a lower-case letter at position 6;
            ＹＡＭＡＤａ      | payee name has a lower-case letter at position 6;
            ﾔﾏﾀﾞ@ﾀﾛｳ          | payee name has a character the bank does not take at position 5 (
            ﾔﾏﾀﾞ,ﾀﾛｳ          | payee name has a character the bank does not take at position 5 (
            A&B               | payee name has a character the bank does not take at position 2 (
            山田 太郎         | payee name has a character the bank does not take at position 1 (
            ジョン・スミス    | payee name has a character the bank does not take at position 4 (
            ｼﾞｮﾝ･ｽﾐｽ          | payee name has a character the bank does not take at position 5 (
            ヰ                | payee name has a character the bank does not take at position 1 (
            ＡＢ＠            | payee name has a character the bank does not take at position 3 (
            ﾔﾏﾀﾞ\u0007ﾀﾛｳ     | payee name has a control character at position 5
            """)
    void rejectsCharactersTheBankDoesNotTakeNamingTheirKindAndPositionButNeverTheCharacter(String raw, String expectedProblem) {
        // given a name with a character that has no valid half-width form

        // when
        PayeeName.Result result = PayeeNameNormalizer.normalize(raw);

        // then
        assertThat(result).isInstanceOf(PayeeName.Invalid.class);
        String problem = ((PayeeName.Invalid) result).problem();
        assertThat(problem).startsWith(expectedProblem);
        // the message's own text is ASCII: no character of the name beyond ASCII, and no code of one
        assertThat(problem).doesNotContain("U+").doesNotContain("'");
        raw.codePoints().filter(c -> c > 0x7F).forEach(c -> assertThat(problem).doesNotContain(new String(Character.toChars(c))));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', textBlock = """
            # a voiced or semi-voiced mark after nothing that takes it
            ﾞﾞ                | voiced mark (ﾞ) at position 1 follows no kana that takes it
            ｱﾟ                | semi-voiced mark (ﾟ) at position 2 follows no kana that takes it
            ｶﾟ                | semi-voiced mark (ﾟ) at position 2 follows no kana that takes it
            'ｶ ﾞ'             | voiced mark (ﾞ) at position 3 follows no kana that takes it
            ヷ                | voiced mark (ﾞ) at position 1 follows no kana that takes it
            ヺ                | voiced mark (ﾞ) at position 1 follows no kana that takes it
            ｦﾞ                | voiced mark (ﾞ) at position 2 follows no kana that takes it
            # no letter at all
            -(1)/2            | payee name has no letter (half-width katakana or A-Z)
            1234              | payee name has no letter (half-width katakana or A-Z)
            """)
    void rejectsAVoicedMarkAfterNothingThatTakesItAndANameWithoutALetter(String raw, String expectedProblem) {
        // given a name of characters the bank takes, in an order it does not

        // when
        PayeeName.Result result = PayeeNameNormalizer.normalize(raw);

        // then
        assertThat(result).isInstanceOf(PayeeName.Invalid.class);
        assertThat(((PayeeName.Invalid) result).problem()).contains(expectedProblem);
    }

    @Test
    void neverWritesTheHalfWidthWo() {
        // given ヲ in every spelling
        String raw = "ヲを ｦ";

        // when
        PayeeName.Result result = PayeeNameNormalizer.normalize(raw);

        // then
        assertThat(result).isEqualTo(new PayeeName.Valid("ｵｵ ｵ"));
        assertThat(PayeeNameNormalizer.isAllowed('ｦ')).isFalse();
    }

    @Test
    void acceptsExactlyThirtyCharacters() {
        // given
        String thirty = "ｱ".repeat(29) + "Z";

        // when
        PayeeName.Result result = PayeeNameNormalizer.normalize(thirty);

        // then
        assertThat(result).isEqualTo(new PayeeName.Valid(thirty));
    }

    @Test
    void rejectsThirtyOneCharactersNamingTheLength() {
        // given
        String thirtyOne = "ｱ".repeat(31);

        // when
        PayeeName.Result result = PayeeNameNormalizer.normalize(thirtyOne);

        // then
        assertThat(result).isEqualTo(new PayeeName.Invalid(
                "payee name is 31 characters once converted to half-width; the bank takes at most 30"));
    }

    @Test
    void countsTheVoicedMarkTowardsTheLengthBecauseItIsAByteOfItsOwn() {
        // given fifteen full-width voiced kana: 15 characters stored, 30 once split
        String fifteen = "ガ".repeat(15);
        String sixteen = "ガ".repeat(16);

        // when
        PayeeName.Result fits = PayeeNameNormalizer.normalize(fifteen);
        PayeeName.Result tooLong = PayeeNameNormalizer.normalize(sixteen);

        // then
        assertThat(fits).isEqualTo(new PayeeName.Valid("ｶﾞ".repeat(15)));
        assertThat(tooLong).isInstanceOf(PayeeName.Invalid.class);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "　　", "\t"})
    void rejectsMissingOrBlankNames(String raw) {
        // given a name with nothing to pay to

        // when
        PayeeName.Result result = PayeeNameNormalizer.normalize(raw);

        // then
        assertThat(result).isInstanceOf(PayeeName.Invalid.class);
        assertThat(((PayeeName.Invalid) result).problem()).matches("payee name is (missing|blank)");
    }

    @Test
    void validNameDoesNotPrintInFullWhenLogged() {
        // given
        PayeeName.Result result = PayeeNameNormalizer.normalize("ﾔﾏﾀﾞ ﾀﾛｳ");

        // when
        String logged = result.toString();

        // then
        assertThat(logged).isEqualTo("Valid[ﾔ***]");
    }
}

package jp.crowdpay.jobs.bankfile.account;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Properties over many generated strings. A fixed seed keeps a failure reproducible; the seed is
 * in every assertion message so a failing string can be regenerated.
 */
class PayeeNameNormalizerPropertyTest {

    private static final long SEED = 20260105L;
    private static final int TRIES = 10_000;
    private static final Charset WINDOWS_31J = Charset.forName("Windows-31J");

    /** Characters that have a half-width spelling, though not in every order (a lone ﾞ has none). */
    private static final String CONVERTIBLE = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝﾞﾟｧｨｩｪｫｯｬｭｮｰ"
            + "アイウエオカガキギパピヴァィッャュョヮヵヶーヷヺヲ"
            + "あいうえおがぎぱぴゔぁぃっゃゅょゎゕゖを゛゜"
            + "0123456789ABCXYZ()-./０９ＡＺ（）－．／‐―−  　\t";

    /** Pieces that are always valid wherever they stand: a mark only ever comes with a kana that takes it. */
    private static final List<String> PIECES = List.of("ｱ", "ｦ", "ﾝ", "ｯ", "ｰ", "ｶﾞ", "ﾊﾟ", "ｳﾞ", "カ゛", "ハ゜", "カ\u3099",
            "ガ", "パ", "ヴ", "ヲ", "ャ", "ヵ", "が", "ぱ", "を", "っ", "0", "9", "A", "Z", "(", ")", "-", ".", "/",
            "０", "Ａ", "（", "－", "‐", " ", "　", "\t");
    private static final List<String> LETTERS = List.of("ｱ", "ｶﾞ", "ﾊﾟ", "ガ", "ヲ", "を", "ぁ", "A", "Ｚ");

    /** The bank's set and ｦ, which is not in it; spaces twice, so that runs of them come up. */
    private static final String BANK_CHARACTERS = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜﾝﾞﾟ0123456789AZ()-./  ｦ";

    /** The 全銀協 table: which kana take ﾞ, which ﾟ. */
    private static final String TAKE_VOICED = "ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ";
    private static final String TAKE_SEMI_VOICED = "ﾊﾋﾌﾍﾎ";

    /** Convertible characters mixed with ones that never are, and arbitrary code points. */
    private static final String MIXED = CONVERTIBLE + "abcｚ@,&山田・･ヰゝ~\\\"'!?#%*+:;<=>[]^_`{|}\u0000\n";

    @Test
    void outputIsAlwaysInTheBanksCharacterSetAndFitsThirtyBytes() {
        forRandomStrings(raw -> {
            // given any string

            // when
            PayeeName.Result result = PayeeNameNormalizer.normalize(raw);

            // then
            if (result instanceof PayeeName.Valid valid) {
                String name = valid.name();
                assertThat(name.chars()).as(context(raw)).allMatch(c -> PayeeNameNormalizer.isAllowed((char) c.intValue()));
                assertThat(name.getBytes(WINDOWS_31J).length).as(context(raw)).isBetween(1, 30);
                assertThat(name).as(context(raw)).doesNotStartWith(" ").doesNotEndWith(" ").doesNotContain("  ");
                assertThat(name).as(context(raw)).doesNotContain("ｦ").containsPattern("[ｱ-ﾝA-Z]");
                for (int i = 0; i < name.length(); i++) {
                    char c = name.charAt(i);
                    if (c == 'ﾞ' || c == 'ﾟ') {
                        String takers = c == 'ﾞ' ? TAKE_VOICED : TAKE_SEMI_VOICED;
                        assertThat(i > 0 && takers.indexOf(name.charAt(i - 1)) >= 0).as(context(raw) + ", mark at " + i).isTrue();
                    }
                }
            } else {
                assertThat(((PayeeName.Invalid) result).problem()).as(context(raw)).isNotBlank();
            }
        });
    }

    @Test
    void normalisingTwiceGivesTheSameAsOnce() {
        forRandomStrings(raw -> {
            // given any string the normaliser accepts
            if (!(PayeeNameNormalizer.normalize(raw) instanceof PayeeName.Valid once)) {
                return;
            }

            // when
            PayeeName.Result twice = PayeeNameNormalizer.normalize(once.name());

            // then
            assertThat(twice).as(context(raw)).isEqualTo(once);
        });
    }

    @Test
    void aNameAlreadyInTheBanksSpellingIsJudgedAsIfConverted() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            // given a string of the bank's own characters, which the normaliser may take as it is
            String raw = randomString(random, BANK_CHARACTERS, 34);

            // when it is judged as it is, and through the conversion a leading space forces
            PayeeName.Result asItIs = PayeeNameNormalizer.normalize(raw);
            PayeeName.Result converted = PayeeNameNormalizer.normalize(" " + raw);

            // then both say the same: valid with the same name, or invalid
            if (converted instanceof PayeeName.Valid valid) {
                assertThat(asItIs).as(context(raw)).isEqualTo(valid);
            } else {
                assertThat(asItIs).as(context(raw)).isInstanceOf(PayeeName.Invalid.class);
            }
        }
    }

    @Test
    void shortNamesOfValidPiecesWithALetterAreAlwaysAccepted() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            // given a letter and up to 14 pieces around it: each becomes at most two half-width characters
            StringBuilder raw = new StringBuilder();
            int letterAt = random.nextInt(15);
            int length = letterAt + 1 + random.nextInt(15 - letterAt);
            for (int piece = 0; piece < length; piece++) {
                List<String> from = piece == letterAt ? LETTERS : PIECES;
                raw.append(from.get(random.nextInt(from.size())));
            }

            // when
            PayeeName.Result result = PayeeNameNormalizer.normalize(raw.toString());

            // then
            assertThat(result).as(context(raw.toString())).isInstanceOf(PayeeName.Valid.class);
        }
    }

    private static void forRandomStrings(Consumer<String> property) {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            property.accept(i % 10 == 0 ? randomCodePoints(random) : randomString(random, MIXED, 40));
        }
    }

    private static String randomString(Random random, String alphabet, int maxLength) {
        int length = random.nextInt(maxLength + 1);
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    private static String randomCodePoints(Random random) {
        int length = random.nextInt(20);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.appendCodePoint(random.nextInt(0x20000));
        }
        return s.toString();
    }

    private static String context(String raw) {
        String codes = raw.codePoints().mapToObj(c -> String.format("U+%04X", c)).toList().toString();
        return "seed " + SEED + ", input " + codes;
    }
}

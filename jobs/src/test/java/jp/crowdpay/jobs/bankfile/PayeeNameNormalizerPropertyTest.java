package jp.crowdpay.jobs.bankfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
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

    /** Characters that always have a valid half-width spelling. */
    private static final String CONVERTIBLE = "ｱｲｳｴｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗﾘﾙﾚﾛﾜｦﾝﾞﾟｧｨｩｪｫｯｬｭｮｰ"
            + "アイウエオカガキギパピヴァィッャュョヮヵヶーヷヺ"
            + "あいうえおがぎぱぴゔぁぃっゃゅょゎゕゖ゛゜"
            + "0123456789ABCXYZ()-./０９ＡＺ（）－．／‐―−  　\t";

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
    void shortNamesOfConvertibleCharactersAreAlwaysAccepted() {
        Random random = new Random(SEED);
        for (int i = 0; i < TRIES; i++) {
            // given up to 15 convertible characters: each becomes at most two half-width ones
            String raw = randomString(random, CONVERTIBLE, 15);
            if (raw.isBlank()) {
                continue;
            }

            // when
            PayeeName.Result result = PayeeNameNormalizer.normalize(raw);

            // then
            assertThat(result).as(context(raw)).isInstanceOf(PayeeName.Valid.class);
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

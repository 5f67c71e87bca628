package jp.crowdpay.jobs.seed;

import java.text.Normalizer;
import java.util.SplittableRandom;

/**
 * Common Japanese names with the three spellings a ledger holds: the display name in kanji, the
 * payee name in half-width katakana as the bank spells it (small kana written large: ｼﾖｳﾀ, not
 * ｼｮｳﾀ), and a romanisation that people sometimes type where the kana belong.
 */
final class Names {

    /** kanji:bank kana:romaji */
    private static final String[][] FAMILY = split(
            "佐藤:ｻﾄｳ:sato", "鈴木:ｽｽﾞｷ:suzuki", "高橋:ﾀｶﾊｼ:takahashi", "田中:ﾀﾅｶ:tanaka", "伊藤:ｲﾄｳ:ito",
            "渡辺:ﾜﾀﾅﾍﾞ:watanabe", "山本:ﾔﾏﾓﾄ:yamamoto", "中村:ﾅｶﾑﾗ:nakamura", "小林:ｺﾊﾞﾔｼ:kobayashi",
            "加藤:ｶﾄｳ:kato", "吉田:ﾖｼﾀﾞ:yoshida", "山田:ﾔﾏﾀﾞ:yamada", "佐々木:ｻｻｷ:sasaki",
            "山口:ﾔﾏｸﾞﾁ:yamaguchi", "松本:ﾏﾂﾓﾄ:matsumoto", "井上:ｲﾉｳｴ:inoue", "木村:ｷﾑﾗ:kimura",
            "林:ﾊﾔｼ:hayashi", "斎藤:ｻｲﾄｳ:saito", "清水:ｼﾐｽﾞ:shimizu", "山崎:ﾔﾏｻﾞｷ:yamazaki", "森:ﾓﾘ:mori",
            "池田:ｲｹﾀﾞ:ikeda", "橋本:ﾊｼﾓﾄ:hashimoto", "阿部:ｱﾍﾞ:abe", "石川:ｲｼｶﾜ:ishikawa",
            "前田:ﾏｴﾀﾞ:maeda", "藤田:ﾌｼﾞﾀ:fujita", "小川:ｵｶﾞﾜ:ogawa", "岡田:ｵｶﾀﾞ:okada",
            "後藤:ｺﾞﾄｳ:goto", "長谷川:ﾊｾｶﾞﾜ:hasegawa", "村上:ﾑﾗｶﾐ:murakami", "近藤:ｺﾝﾄﾞｳ:kondo",
            "坂本:ｻｶﾓﾄ:sakamoto", "遠藤:ｴﾝﾄﾞｳ:endo");

    private static final String[][] GIVEN = split(
            "太郎:ﾀﾛｳ:taro", "翔太:ｼﾖｳﾀ:shota", "大輔:ﾀﾞｲｽｹ:daisuke", "健太:ｹﾝﾀ:kenta", "拓也:ﾀｸﾔ:takuya",
            "蓮:ﾚﾝ:ren", "悠人:ﾕｳﾄ:yuto", "直樹:ﾅｵｷ:naoki", "誠:ﾏｺﾄ:makoto", "健一:ｹﾝｲﾁ:kenichi",
            "純一:ｼﾞﾕﾝｲﾁ:junichi", "恭平:ｷﾖｳﾍｲ:kyohei", "亮:ﾘﾖｳ:ryo", "大翔:ﾋﾛﾄ:hiroto", "陽菜:ﾋﾅ:hina",
            "美咲:ﾐｻｷ:misaki", "結衣:ﾕｲ:yui", "さくら:ｻｸﾗ:sakura", "花子:ﾊﾅｺ:hanako", "愛:ｱｲ:ai",
            "優子:ﾕｳｺ:yuko", "恵:ﾒｸﾞﾐ:megumi", "彩:ｱﾔ:aya", "真由美:ﾏﾕﾐ:mayumi", "涼子:ﾘﾖｳｺ:ryoko",
            "奈々:ﾅﾅ:nana", "葵:ｱｵｲ:aoi", "千尋:ﾁﾋﾛ:chihiro", "由美子:ﾕﾐｺ:yumiko", "智子:ﾄﾓｺ:tomoko");

    private final String[] family;
    private final String[] given;

    private Names(String[] family, String[] given) {
        this.family = family;
        this.given = given;
    }

    static Names draw(SplittableRandom random) {
        return new Names(FAMILY[random.nextInt(FAMILY.length)], GIVEN[random.nextInt(GIVEN.length)]);
    }

    /** 山田 太郎 */
    String displayName() {
        return family[0] + " " + given[0];
    }

    /** ﾔﾏﾀﾞ ﾀﾛｳ */
    String bankKana() {
        return family[1] + " " + given[1];
    }

    /** ヤマダ　タロウ: what a worker types with a Japanese input method; NFKC widens the kana. */
    String fullWidthKana() {
        return Normalizer.normalize(bankKana(), Normalizer.Form.NFKC).replace(' ', '\u3000');
    }

    /** yamada taro */
    String romaji() {
        return family[2] + " " + given[2];
    }

    private static String[][] split(String... entries) {
        String[][] names = new String[entries.length][];
        for (int i = 0; i < entries.length; i++) {
            names[i] = entries[i].split(":");
        }
        return names;
    }
}

package jp.crowdpay.jobs.bankfile;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a payee name as the platform stores it into the 受取人名 the bank takes.
 *
 * <p>Conversions: full-width ASCII to half-width, hiragana to katakana, katakana to half-width
 * katakana, small kana written large (ｧ→ｱ, ｯ→ﾂ, ｬ→ﾔ, ヮ→ﾜ, ヵ→ｶ, ヶ→ｹ), voiced and semi-voiced
 * kana as base + ﾞ/ﾟ (ガ→ｶﾞ, パ→ﾊﾟ, ヴ→ｳﾞ), the long vowel mark and similar dashes to {@code -},
 * any white space to a single space, surrounding spaces trimmed.
 *
 * <p>Lower-case letters are <em>rejected</em>, not upper-cased: the bank matches the name against
 * the account holder's registered name, and a guessed spelling that the bank then refuses costs
 * the worker a failed transfer, while a rejection carries the worker forward with a reason that
 * support can act on. Characters with no half-width form (kanji, ・, ＠, ヰ, iteration marks ...)
 * are rejected the same way; the problem names the first offending character and its position.
 *
 * <p>The output is in the bank's set (ｱ-ﾝ, ｦ, ﾞ, ﾟ, 0-9, A-Z, space, {@code ( ) - . /}), every
 * character of which is one byte in Shift_JIS, so 30 characters are 30 bytes. Normalising a
 * valid name again gives the same name.
 */
public final class PayeeNameNormalizer {

    public static final int MAX_LENGTH = 30;

    private static final String ALLOWED_SYMBOLS = " ()-./";
    private static final char VOICED_MARK = 'ﾞ';
    private static final char SEMI_VOICED_MARK = 'ﾟ';

    /** Full-width katakana without voicing marks, and small kana, to large half-width katakana. */
    private static final Map<Character, Character> KATAKANA = pairs(
            "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロヮワヲンヵヶ",
            "ｱｱｲｲｳｳｴｴｵｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾔﾕﾕﾖﾖﾗﾘﾙﾚﾛﾜﾜｦﾝｶｹ");
    private static final Map<Character, Character> SMALL_HALF_WIDTH = pairs("ｧｨｩｪｫｬｭｮｯ", "ｱｲｳｴｵﾔﾕﾖﾂ");
    private static final String DASHES = "ーｰ‐‑‒–—―−";

    private PayeeNameNormalizer() {
    }

    public static PayeeName.Result normalize(String raw) {
        if (raw == null) {
            return new PayeeName.Invalid("payee name is missing");
        }
        StringBuilder out = new StringBuilder(raw.length());
        int position = 0;
        for (int i = 0; i < raw.length(); ) {
            int codePoint = raw.codePointAt(i);
            i += Character.charCount(codePoint);
            position++;
            String converted = convert(codePoint);
            if (converted == null) {
                return new PayeeName.Invalid(describe(codePoint, position));
            }
            appendCollapsingSpaces(out, converted);
        }
        String name = out.toString().strip();
        if (name.isEmpty()) {
            return new PayeeName.Invalid("payee name is blank");
        }
        if (name.length() > MAX_LENGTH) {
            return new PayeeName.Invalid("payee name is " + name.length()
                    + " characters once converted to half-width; the bank takes at most " + MAX_LENGTH);
        }
        return new PayeeName.Valid(name);
    }

    /** True for the characters the bank takes in a payee name. */
    public static boolean isAllowed(char c) {
        return (c >= 'ｱ' && c <= 'ﾝ') || c == 'ｦ' || c == VOICED_MARK || c == SEMI_VOICED_MARK
                || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || ALLOWED_SYMBOLS.indexOf(c) >= 0;
    }

    /** The half-width spelling of one character, or null when it has none the bank takes. */
    private static String convert(int codePoint) {
        if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
            return " ";
        }
        if (!Character.isBmpCodePoint(codePoint)) {
            return null;
        }
        char c = (char) codePoint;
        if (c >= '！' && c <= '～') {
            c = (char) (c - '！' + '!');
        }
        if (DASHES.indexOf(c) >= 0) {
            return "-";
        }
        if (isAllowed(c)) {
            return String.valueOf(c);
        }
        if (SMALL_HALF_WIDTH.containsKey(c)) {
            return String.valueOf(SMALL_HALF_WIDTH.get(c));
        }
        switch (c) {
            case '\u3099', '゛' -> {
                return String.valueOf(VOICED_MARK);
            }
            case '\u309A', '゜' -> {
                return String.valueOf(SEMI_VOICED_MARK);
            }
            default -> {
                // hiragana ぁ-ゖ sit exactly 0x60 below their katakana ァ-ヶ
                if (c >= 'ぁ' && c <= 'ゖ') {
                    c = (char) (c + ('ァ' - 'ぁ'));
                }
                return c >= 'ァ' && c <= 'ヺ' ? katakana(c) : null;
            }
        }
    }

    private static String katakana(char c) {
        // canonical decomposition splits ガ into カ + U+3099, so only unvoiced kana need a table
        String decomposed = Normalizer.normalize(String.valueOf(c), Normalizer.Form.NFD);
        Character base = KATAKANA.get(decomposed.charAt(0));
        if (base == null) {
            return null;
        }
        if (decomposed.length() == 1) {
            return String.valueOf(base);
        }
        return base + (decomposed.charAt(1) == '\u3099' ? String.valueOf(VOICED_MARK) : String.valueOf(SEMI_VOICED_MARK));
    }

    private static void appendCollapsingSpaces(StringBuilder out, String converted) {
        boolean space = converted.equals(" ");
        if (space && (out.isEmpty() || out.charAt(out.length() - 1) == ' ')) {
            return;
        }
        out.append(converted);
    }

    private static String describe(int codePoint, int position) {
        String shown = new String(Character.toChars(codePoint));
        String code = String.format("U+%04X", codePoint);
        if (Character.isLowerCase(codePoint)) {
            return "payee name has lower-case letter '" + shown + "' (" + code + ") at position " + position
                    + "; the bank takes upper-case A-Z only";
        }
        if (Character.isISOControl(codePoint)) {
            return "payee name has control character " + code + " at position " + position;
        }
        return "payee name has character '" + shown + "' (" + code + ") at position " + position
                + ", which the bank does not take (half-width katakana, 0-9, A-Z, space and ( ) - . / only)";
    }

    private static Map<Character, Character> pairs(String from, String to) {
        if (from.length() != to.length()) {
            throw new IllegalStateException("kana tables differ in length");
        }
        Map<Character, Character> map = new HashMap<>();
        for (int i = 0; i < from.length(); i++) {
            map.put(from.charAt(i), to.charAt(i));
        }
        return Map.copyOf(map);
    }
}

package jp.crowdpay.jobs.bankfile.account;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Map;

/**
 * Turns a payee name as the platform stores it into the 受取人名 the bank takes.
 *
 * <p>Conversions: full-width ASCII to half-width, hiragana to katakana, katakana to half-width
 * katakana, small kana written large (ｧ→ｱ, ｯ→ﾂ, ｬ→ﾔ, ヮ→ﾜ, ヵ→ｶ, ヶ→ｹ), voiced and semi-voiced
 * kana as base + ﾞ/ﾟ (ガ→ｶﾞ, パ→ﾊﾟ, ヴ→ｳﾞ), ヲ (and ｦ) to ｵ as banks read it, the long vowel mark and
 * similar dashes to {@code -}, any white space to a single space, surrounding spaces trimmed.
 *
 * <p>Lower-case letters are <em>rejected</em>, not upper-cased: the bank matches the name against
 * the account holder's registered name, and a guessed spelling that the bank then refuses costs
 * the worker a failed transfer, while a rejection carries the worker forward with a reason that
 * support can act on. Characters with no half-width form (kanji, ・, ＠, ヰ, iteration marks ...)
 * are rejected the same way; the problem names the kind of the first offending character and its
 * position, never the character itself (it ends up in run reports, and a name is personal data).
 * So is a name the 全銀協 table does not allow although each character is in the set: a voiced
 * mark after anything but the kana that take it (ｶﾞ-ｺﾞ, ｻﾞ-ｿﾞ, ﾀﾞ-ﾄﾞ, ﾊﾞ-ﾎﾞ, ｳﾞ; ﾊﾟ-ﾎﾟ), so
 * ﾞﾞ, ｱﾟ, ヷ and ヺ; and a name without a letter (kana or A-Z), such as {@code -(1)/2}.
 *
 * <p>The output is in the bank's set (ｱ-ﾝ but ｦ, ﾞ, ﾟ, 0-9, A-Z, space, {@code ( ) - . /}), every
 * character of which is one byte in Shift_JIS, so 30 characters are 30 bytes. Normalising a
 * valid name again gives the same name.
 */
public final class PayeeNameNormalizer {

    public static final int MAX_LENGTH = 30;

    private static final String ALLOWED_SYMBOLS = " ()-./";
    private static final char VOICED_MARK = 'ﾞ';
    private static final char SEMI_VOICED_MARK = 'ﾟ';
    private static final String TAKE_VOICED_MARK = "ｳｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾃﾄﾊﾋﾌﾍﾎ";
    private static final String TAKE_SEMI_VOICED_MARK = "ﾊﾋﾌﾍﾎ";

    /** Full-width katakana without voicing marks, and small kana, to large half-width katakana (ヲ as ｵ). */
    private static final Map<Character, Character> KATAKANA = pairs(
            "ァアィイゥウェエォオカキクケコサシスセソタチッツテトナニヌネノハヒフヘホマミムメモャヤュユョヨラリルレロヮワヲンヵヶ",
            "ｱｱｲｲｳｳｴｴｵｵｶｷｸｹｺｻｼｽｾｿﾀﾁﾂﾂﾃﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍﾎﾏﾐﾑﾒﾓﾔﾔﾕﾕﾖﾖﾗﾘﾙﾚﾛﾜﾜｵﾝｶｹ");
    /** Half-width kana outside the bank's set, as the bank reads them: small ones large, ｦ as ｵ. */
    private static final Map<Character, Character> HALF_WIDTH_REWRITTEN = pairs("ｧｨｩｪｫｬｭｮｯｦ", "ｱｲｳｴｵﾔﾕﾖﾂｵ");
    private static final String DASHES = "ーｰ‐‑‒–—―−";

    private PayeeNameNormalizer() {
    }

    public static PayeeName.Result normalize(String raw) {
        if (raw == null) {
            return new PayeeName.Invalid("payee name is missing");
        }
        if (inBankSpelling(raw)) {
            return new PayeeName.Valid(raw);
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
            int from = out.length();
            appendCollapsingSpaces(out, converted);
            int stray = strayMark(out, from);
            if (stray >= 0) {
                return new PayeeName.Invalid("payee name has a " + markProblem(out.charAt(stray), position));
            }
        }
        String name = out.toString().strip();
        if (name.isEmpty()) {
            return new PayeeName.Invalid("payee name is blank");
        }
        if (!hasLetter(name)) {
            return new PayeeName.Invalid("payee name has no letter (half-width katakana or A-Z)");
        }
        if (name.length() > MAX_LENGTH) {
            return new PayeeName.Invalid("payee name is " + name.length()
                    + " characters once converted to half-width; the bank takes at most " + MAX_LENGTH);
        }
        return new PayeeName.Valid(name);
    }

    /**
     * Whether the name is already as the bank takes it, so that converting it would give it back
     * unchanged: the payout checks every payee's stored name, and stored names mostly are.
     */
    private static boolean inBankSpelling(String raw) {
        int length = raw.length();
        if (length == 0 || length > MAX_LENGTH || raw.charAt(0) == ' ' || raw.charAt(length - 1) == ' ') {
            return false;
        }
        boolean letter = false;
        for (int i = 0; i < length; i++) {
            char c = raw.charAt(i);
            if (!isAllowed(c) || c == ' ' && raw.charAt(i - 1) == ' ') {
                return false;
            }
            letter |= isLetter(c);
        }
        return letter && strayMark(raw, 0) < 0;
    }

    /** True for the characters the bank takes in a payee name (in an order the bank takes, see {@link #strayMark}). */
    public static boolean isAllowed(char c) {
        return isLetter(c) || c == VOICED_MARK || c == SEMI_VOICED_MARK
                || (c >= '0' && c <= '9') || ALLOWED_SYMBOLS.indexOf(c) >= 0;
    }

    /** Half-width katakana but ｦ, or A-Z: a name needs one at least. */
    public static boolean hasLetter(CharSequence name) {
        return name.chars().anyMatch(c -> isLetter((char) c));
    }

    /**
     * The index of the first voiced or semi-voiced mark at or after {@code from} that does not
     * follow a kana that takes it, or -1 when there is none.
     */
    public static int strayMark(CharSequence name, int from) {
        for (int i = Math.max(from, 0); i < name.length(); i++) {
            char c = name.charAt(i);
            String takers = c == VOICED_MARK ? TAKE_VOICED_MARK : c == SEMI_VOICED_MARK ? TAKE_SEMI_VOICED_MARK : null;
            if (takers != null && (i == 0 || takers.indexOf(name.charAt(i - 1)) < 0)) {
                return i;
            }
        }
        return -1;
    }

    /** "voiced mark (ﾞ) at position 3 follows ...", for a mark {@link #strayMark} found. */
    public static String markProblem(char mark, int position) {
        return (mark == VOICED_MARK ? "voiced" : "semi-voiced") + " mark (" + mark + ") at position " + position
                + " follows no kana that takes it";
    }

    private static boolean isLetter(char c) {
        return (c >= 'ｱ' && c <= 'ﾝ') || (c >= 'A' && c <= 'Z');
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
        if (HALF_WIDTH_REWRITTEN.containsKey(c)) {
            return String.valueOf(HALF_WIDTH_REWRITTEN.get(c));
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

    /** Names the kind of character and its position, never the character: a name is personal data. */
    private static String describe(int codePoint, int position) {
        if (Character.isLowerCase(codePoint)) {
            return "payee name has a lower-case letter at position " + position + "; the bank takes upper-case A-Z only";
        }
        if (Character.isISOControl(codePoint)) {
            return "payee name has a control character at position " + position;
        }
        return "payee name has a character the bank does not take at position " + position
                + " (half-width katakana, 0-9, A-Z, space and ( ) - . / only)";
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

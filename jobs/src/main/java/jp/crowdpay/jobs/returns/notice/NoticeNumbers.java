package jp.crowdpay.jobs.returns.notice;

import java.util.OptionalLong;
import java.util.regex.Pattern;

/**
 * Numbers as banks export them: full-width digits (１３１４６２), thousands separators
 * ({@code 131,462}, also full-width), a unit after a count or a sum ({@code 3件}, {@code 131,462円}).
 * Separators must group by three: {@code 13,1462} is no number, rather than a guess.
 */
final class NoticeNumbers {

    private static final Pattern GROUPED = Pattern.compile("[0-9]{1,3}(,[0-9]{3})+");
    private static final Pattern PLAIN = Pattern.compile("[0-9]{1,15}");
    private static final int MAX_DIGITS = 15;

    private NoticeNumbers() {
    }

    /** The value stripped, its full-width digits and commas half-width; anything else as it was. */
    static String halfWidth(String value) {
        StringBuilder half = new StringBuilder(value.length());
        for (char c : value.strip().toCharArray()) {
            if (c >= '０' && c <= '９') {
                half.append((char) (c - '０' + '0'));
            } else if (c == '，') {
                half.append(',');
            } else {
                half.append(c);
            }
        }
        return half.toString();
    }

    /** Whole yen above 0, with or without separators and a trailing 円. */
    static OptionalLong yen(String value) {
        return positive(withoutUnit(halfWidth(value), "円"));
    }

    /** A count of returns, 0 or more, with or without a trailing 件. */
    static OptionalLong count(String value) {
        String digits = withoutUnit(halfWidth(value), "件");
        return digits.equals("0") ? OptionalLong.of(0) : positive(digits);
    }

    private static String withoutUnit(String value, String unit) {
        return value.endsWith(unit) ? value.substring(0, value.length() - unit.length()).strip() : value;
    }

    private static OptionalLong positive(String value) {
        if (!PLAIN.matcher(value).matches() && !GROUPED.matcher(value).matches()) {
            return OptionalLong.empty();
        }
        String digits = value.replace(",", "");
        if (digits.length() > MAX_DIGITS || Long.parseLong(digits) == 0) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(Long.parseLong(digits));
    }
}

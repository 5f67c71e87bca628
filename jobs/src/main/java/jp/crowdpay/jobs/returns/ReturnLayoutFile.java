package jp.crowdpay.jobs.returns;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jp.crowdpay.jobs.bankfile.LayoutFile;

/**
 * Reads a bank's return notice layout from {@code <layouts>/<name>.yml}:
 * <pre>
 * columns: [file_name, customer_code, bank_code, branch_code, account_number, amount, reason_code, reason_text]
 * header-lines: 0                 # optional: title lines before the first return
 * encoding: Windows-31J           # or Shift_JIS, EUC-JP, UTF-8
 * reason-codes: {"01": 1, "02": 2} # optional: the bank's codes to ours (1, 2, 3, 4, 9)
 * </pre>
 * The layout named {@code default} is built in and needs no file; a file of that name overrides it.
 */
public final class ReturnLayoutFile {

    private static final Set<String> KEYS = Set.of("columns", "header-lines", "encoding", "reason-codes");

    private ReturnLayoutFile() {
    }

    /** The named layout; any problem is an {@link IllegalArgumentException} naming the file. */
    public static ReturnNoticeLayout load(Path layouts, String name) {
        return LayoutFile.load(layouts, name, ReturnNoticeLayout.BUILT_IN, document -> parse(name, document));
    }

    static ReturnNoticeLayout parse(String name, Object document) {
        Map<?, ?> map = LayoutFile.mapping(document, KEYS);
        if (!(map.get("columns") instanceof List<?> names)) {
            throw new IllegalArgumentException("columns must be a list");
        }
        List<ReturnNoticeLayout.Column> columns = new ArrayList<>();
        for (Object column : names) {
            try {
                columns.add(ReturnNoticeLayout.Column.valueOf(String.valueOf(column).toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown column '" + column + "'");
            }
        }
        Object headerLines = map.containsKey("header-lines") ? map.get("header-lines") : 0;
        if (!(headerLines instanceof Integer lines)) {
            throw new IllegalArgumentException("header-lines must be a whole number");
        }
        Object encoding = map.containsKey("encoding") ? map.get("encoding") : "Windows-31J";
        return new ReturnNoticeLayout(name, columns, lines, Charset.forName(String.valueOf(encoding)),
                reasonCodes(map.get("reason-codes")));
    }

    private static Map<String, ReturnReason> reasonCodes(Object value) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> codes)) {
            throw new IllegalArgumentException("reason-codes must map the bank's codes to 1, 2, 3, 4 or 9");
        }
        Map<String, ReturnReason> reasons = new LinkedHashMap<>();
        for (Map.Entry<?, ?> code : codes.entrySet()) {
            ReturnReason ours = code.getValue() instanceof Integer number ? ReturnReason.ofCode(number).orElse(null) : null;
            if (ours == null) {
                throw new IllegalArgumentException("reason-codes: the bank's code '" + code.getKey() + "' maps to '"
                        + code.getValue() + "', which is not one of 1, 2, 3, 4, 9");
            }
            reasons.put(String.valueOf(code.getKey()), ours);
        }
        return reasons;
    }
}

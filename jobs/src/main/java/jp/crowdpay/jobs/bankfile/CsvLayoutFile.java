package jp.crowdpay.jobs.bankfile;

import java.nio.charset.Charset;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bank's CSV layout from {@code <layouts>/<name>.yml}:
 * <pre>
 * columns: [bank_code, branch_code, account_type, account_number, payee_name, amount, customer_code]
 * header: [銀行コード, 支店コード, ...]     # optional: one title per column
 * trailer: [TRAILER, count, total]          # optional: literal text, count and total filled in
 * encoding: Windows-31J                     # or UTF-8
 * line-ending: CRLF                         # or LF
 * </pre>
 * The layout named {@code default} is built in and needs no file; a file of that name overrides it.
 */
public final class CsvLayoutFile {

    private static final Set<String> KEYS = Set.of("columns", "header", "trailer", "encoding", "line-ending");

    private CsvLayoutFile() {
    }

    /** The named layout; any problem is an {@link IllegalArgumentException} naming the file. */
    public static CsvLayout load(Path layouts, String name) {
        return LayoutFile.load(layouts, name, CsvLayout.BUILT_IN, document -> parse(name, document));
    }

    static CsvLayout parse(String name, Object document) {
        Map<?, ?> map = LayoutFile.mapping(document, KEYS);
        List<CsvLayout.Column> columns = new ArrayList<>();
        for (String column : strings(map, "columns")) {
            try {
                columns.add(CsvLayout.Column.valueOf(column.toUpperCase(Locale.ROOT).replace('-', '_')));
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("unknown column '" + column + "'");
            }
        }
        Object encoding = map.containsKey("encoding") ? map.get("encoding") : "Windows-31J";
        Object lineEnding = map.containsKey("line-ending") ? map.get("line-ending") : "CRLF";
        String ending = switch (String.valueOf(lineEnding).toUpperCase(Locale.ROOT)) {
            case "CRLF" -> "\r\n";
            case "LF" -> "\n";
            default -> throw new IllegalArgumentException("line-ending must be CRLF or LF");
        };
        return new CsvLayout(name, columns, strings(map, "header"), strings(map, "trailer"),
                Charset.forName(String.valueOf(encoding)), ending);
    }

    private static List<String> strings(Map<?, ?> map, String key) {
        Object value = map.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException(key + " must be a list");
        }
        return list.stream().map(String::valueOf).toList();
    }
}

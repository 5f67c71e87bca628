package jp.crowdpay.jobs.returns.notice;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import jp.crowdpay.jobs.bankfile.LayoutFile;
import jp.crowdpay.jobs.bankfile.account.AccountType;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout.Column;

/**
 * Reads a bank's return notice layout from {@code <layouts>/<name>.yml}. A CSV notice:
 * <pre>
 * columns: [file_name, customer_code, bank_code, branch_code, account_number, amount, reason_code, reason_text]
 * header-lines: 0                 # optional: title lines before the first return
 * encoding: Windows-31J           # or Shift_JIS, EUC-JP, UTF-8
 * trailer: {label: 合計, count: 2, amount: 3}   # optional: the total row, checked against the lines
 * </pre>
 * A JSON notice ({@code format: json}) names its fields instead:
 * <pre>
 * format: json
 * records: /returnedTransfers     # optional: where the array is; the document itself by default
 * fields: {customer_code: customerCode, amount: /transfer/amount, ...}
 * </pre>
 * Either may add {@code reason-codes} (the bank's codes, quoted, to ours), {@code account-types}
 * (the bank's words to 1, 2, 4), {@code date-format} and {@code transfer-date-window-days}. The
 * layout named {@code default} is built in and needs no file; a file of that name overrides it.
 */
public final class ReturnLayoutFile {

    private static final Set<String> KEYS = Set.of("format", "columns", "header-lines", "encoding", "trailer", "fields",
            "records", "reason-codes", "account-types", "date-format", "transfer-date-window-days");
    private static final Set<String> CSV_ONLY = Set.of("columns", "header-lines", "trailer");
    private static final Set<String> JSON_ONLY = Set.of("fields", "records");

    private ReturnLayoutFile() {
    }

    /** The named layout; any problem is an {@link IllegalArgumentException} naming the file. */
    public static ReturnNoticeLayout load(Path layouts, String name) {
        return LayoutFile.load(layouts, name, ReturnNoticeLayout.BUILT_IN, document -> parse(name, document));
    }

    static ReturnNoticeLayout parse(String name, Object document) {
        Map<?, ?> map = LayoutFile.mapping(document, KEYS);
        String format = String.valueOf(map.containsKey("format") ? map.get("format") : "csv");
        ReturnNoticeLayout.Shape shape = switch (format) {
            case "csv" -> csv(refuseKeys(map, JSON_ONLY, format));
            case "json" -> json(refuseKeys(map, CSV_ONLY, format));
            default -> throw new IllegalArgumentException("format must be csv or json");
        };
        Object dateFormat = map.containsKey("date-format") ? map.get("date-format") : ReturnNoticeLayout.ISO_DATES;
        return new ReturnNoticeLayout(name, shape, reasonCodes(map.get("reason-codes")), accountTypes(map.get("account-types")),
                String.valueOf(dateFormat), wholeNumber(map, "transfer-date-window-days",
                        ReturnNoticeLayout.DEFAULT_TRANSFER_DATE_WINDOW_DAYS));
    }

    private static Map<?, ?> refuseKeys(Map<?, ?> map, Set<String> keys, String format) {
        for (String key : keys) {
            if (map.containsKey(key)) {
                throw new IllegalArgumentException(key + " does not apply to format " + format);
            }
        }
        return map;
    }

    private static ReturnNoticeLayout.Csv csv(Map<?, ?> map) {
        if (!(map.get("columns") instanceof List<?> names)) {
            throw new IllegalArgumentException("columns must be a list");
        }
        List<Column> columns = new ArrayList<>();
        for (Object column : names) {
            columns.add(column(column));
        }
        Object encoding = map.containsKey("encoding") ? map.get("encoding") : "Windows-31J";
        return new ReturnNoticeLayout.Csv(columns, wholeNumber(map, "header-lines", 0), charset(encoding),
                trailer(map.get("trailer")));
    }

    private static ReturnNoticeLayout.Json json(Map<?, ?> map) {
        if (map.containsKey("encoding") && !charset(map.get("encoding")).equals(StandardCharsets.UTF_8)) {
            throw new IllegalArgumentException("a JSON notice is UTF-8; leave encoding out");
        }
        if (!(map.get("fields") instanceof Map<?, ?> fields)) {
            throw new IllegalArgumentException("fields must map our field names to the bank's (customer_code: customerCode ...)");
        }
        Map<Column, String> names = new EnumMap<>(Column.class);
        for (Map.Entry<?, ?> field : fields.entrySet()) {
            if (!(field.getValue() instanceof String bankName) || bankName.isBlank()) {
                throw new IllegalArgumentException("fields: " + field.getKey() + " must name the bank's field");
            }
            names.put(column(field.getKey()), bankName);
        }
        String records = map.containsKey("records") ? String.valueOf(map.get("records")) : "";
        if (!records.isEmpty() && !records.startsWith("/")) {
            throw new IllegalArgumentException("records must be a JSON Pointer to the array, such as /returnedTransfers");
        }
        return new ReturnNoticeLayout.Json(records, names);
    }

    private static Charset charset(Object name) {
        try {
            return Charset.forName(String.valueOf(name));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("encoding " + name + " is not one this Java knows");
        }
    }

    private static Column column(Object name) {
        try {
            return Column.valueOf(String.valueOf(name).toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException unknown) {
            throw new IllegalArgumentException("unknown column '" + name + "'");
        }
    }

    private static Optional<ReturnNoticeLayout.Trailer> trailer(Object value) {
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> trailer)) {
            throw new IllegalArgumentException("trailer must be {label: <text>, count: <field>, amount: <field>}");
        }
        Map<?, ?> keys = LayoutFile.mapping(trailer, Set.of("label", "count", "amount"));
        if (!(keys.get("count") instanceof Integer count) || !(keys.get("amount") instanceof Integer amount)) {
            throw new IllegalArgumentException("trailer: count and amount must be field numbers, counted from 1");
        }
        return Optional.of(new ReturnNoticeLayout.Trailer(keys.get("label") == null ? null : String.valueOf(keys.get("label")),
                count, amount));
    }

    private static int wholeNumber(Map<?, ?> map, String key, int byDefault) {
        Object value = map.containsKey(key) ? map.get(key) : byDefault;
        if (!(value instanceof Integer number)) {
            throw new IllegalArgumentException(key + " must be a whole number");
        }
        return number;
    }

    private static Map<String, ReturnReason> reasonCodes(Object value) {
        return mapped(value, "reason-codes", "1, 2, 3, 4, 9", ReturnReason::ofCode);
    }

    private static Map<String, AccountType> accountTypes(Object value) {
        return mapped(value, "account-types", "1, 2, 4", AccountType::ofCode);
    }

    /** The bank's codes or words, as a YAML mapping, to ours through {@code ofCode}. */
    private static <T> Map<String, T> mapped(Object value, String key, String ours, Function<Integer, Optional<T>> ofCode) {
        if (value == null) {
            return Map.of();
        }
        if (!(value instanceof Map<?, ?> codes)) {
            throw new IllegalArgumentException(key + " must map the bank's values to " + ours);
        }
        Map<String, T> mapped = new LinkedHashMap<>();
        for (Map.Entry<?, ?> code : codes.entrySet()) {
            T theirs = code.getValue() instanceof Integer number ? ofCode.apply(number).orElse(null) : null;
            if (theirs == null) {
                throw new IllegalArgumentException(key + ": the bank's '" + code.getKey() + "' maps to '"
                        + code.getValue() + "', which is not one of " + ours);
            }
            mapped.put(String.valueOf(code.getKey()), theirs);
        }
        return mapped;
    }
}

package jp.crowdpay.jobs.returns.notice;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.crowdpay.jobs.bankfile.LayoutFile;
import jp.crowdpay.jobs.bankfile.account.AccountType;

/**
 * How a bank lists returned transfers: the shape of the notice (CSV lines or a JSON array of
 * objects), where each field is, and how the bank writes the fields whose form is its own
 * (reason codes, account types as words, dates). Layouts are configuration
 * ({@link ReturnLayoutFile}); the default one is built in.
 *
 * @param reasonCodes  the bank's reason code to ours; empty when the bank uses ours (1, 2, 3, 4, 9)
 * @param accountTypes the bank's words for the account types (普通 ...); empty when it writes 1, 2, 4
 * @param dateFormat   the pattern of the date columns, as {@link DateTimeFormatter} reads it
 * @param transferDateWindowDays how many days after its business date a payout's transfer may be dated
 */
public record ReturnNoticeLayout(String name, Shape shape, Map<String, ReturnReason> reasonCodes,
                                 Map<String, AccountType> accountTypes, String dateFormat, int transferDateWindowDays) {

    public static final String DEFAULT = LayoutFile.DEFAULT;
    public static final String ISO_DATES = "uuuu-MM-dd";
    public static final int DEFAULT_TRANSFER_DATE_WINDOW_DAYS = 10;
    /** The longest lead-days a bank file may have, and some closed days around it. */
    static final int MAX_TRANSFER_DATE_WINDOW_DAYS = 40;

    /** Without these a line cannot be matched to exactly one payout and its account. */
    private static final Set<Column> REQUIRED = EnumSet.of(Column.CUSTOMER_CODE, Column.BANK_CODE, Column.BRANCH_CODE,
            Column.ACCOUNT_NUMBER, Column.AMOUNT, Column.REASON_CODE);
    /** A line names its payout's run by one of these at least. */
    private static final Set<Column> RUN_KEYS = EnumSet.of(Column.FILE_NAME, Column.TRANSFER_DATE, Column.BUSINESS_DATE);

    /** CSV, no header, Windows-31J, one line per returned transfer. */
    public static final ReturnNoticeLayout BUILT_IN = csv(DEFAULT,
            List.of(Column.FILE_NAME, Column.CUSTOMER_CODE, Column.BANK_CODE, Column.BRANCH_CODE,
                    Column.ACCOUNT_NUMBER, Column.AMOUNT, Column.REASON_CODE, Column.REASON_TEXT),
            0, Charset.forName("Windows-31J"), Map.of());

    /** A field of the notice; {@code SKIP} is a CSV column of the bank's that the import does not need. */
    public enum Column {
        FILE_NAME, TRANSFER_DATE, BUSINESS_DATE, CUSTOMER_CODE, BANK_CODE, BRANCH_CODE, ACCOUNT_TYPE, ACCOUNT_NUMBER,
        PAYEE_NAME, AMOUNT, REASON_CODE, REASON_TEXT, SKIP;

        /** As layouts write it: {@code file_name}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Where the fields are. */
    public sealed interface Shape permits Csv, Json {
        /** The fields the notice carries. */
        Set<Column> fields();

        /** How refusals name a returned transfer: "line 3" of a CSV, "record 3" of a JSON array. */
        String unit();
    }

    /**
     * CSV lines: fields by position, title lines first, a total row last if the bank writes one.
     *
     * @param trailer the total row, if the bank writes one
     */
    public record Csv(List<Column> columns, int headerLines, Charset encoding, Optional<Trailer> trailer) implements Shape {

        public Csv {
            columns = List.copyOf(columns);
            if (headerLines < 0) {
                throw new IllegalArgumentException("header-lines must be 0 or more");
            }
            for (Column column : Column.values()) {
                if (column != Column.SKIP && columns.stream().filter(column::equals).count() > 1) {
                    throw new IllegalArgumentException("columns name " + column.key() + " twice");
                }
            }
            // lines are split on the bytes CR and LF and fields on ',' before decoding
            byte[] separators = "\r\n,\"".getBytes(encoding);
            if (!Arrays.equals(separators, "\r\n,\"".getBytes(StandardCharsets.US_ASCII))) {
                throw new IllegalArgumentException("encoding " + encoding.name()
                        + " is not one that writes ASCII as single bytes (Windows-31J, Shift_JIS, EUC-JP, UTF-8)");
            }
        }

        @Override
        public Set<Column> fields() {
            EnumSet<Column> fields = EnumSet.noneOf(Column.class);
            fields.addAll(columns);
            fields.remove(Column.SKIP);
            return fields;
        }

        @Override
        public String unit() {
            return "line";
        }

        public int indexOf(Column column) {
            return columns.indexOf(column);
        }
    }

    /**
     * The total row at the end of a CSV notice: the line whose first non-empty field is the label,
     * with the number of returns and their sum in yen in the given fields (counted from 1).
     */
    public record Trailer(String label, int countField, int amountField) {

        public Trailer {
            if (label == null || label.isBlank()) {
                throw new IllegalArgumentException("trailer: label must be the text that starts the total row");
            }
            if (countField < 1 || amountField < 1 || countField == amountField) {
                throw new IllegalArgumentException("trailer: count and amount must be two field numbers, counted from 1");
            }
        }
    }

    /**
     * A JSON array of objects, as a bank's API returns returned transfers: each field by its name
     * in the object, or by a JSON Pointer ({@code /beneficiary/accountNumber}) into it.
     *
     * @param records JSON Pointer to the array in the document; empty when the document is the array
     */
    public record Json(String records, Map<Column, String> names) implements Shape {

        public Json {
            // in the order of the columns, so that a record's problems come in a stable order
            names = Collections.unmodifiableMap(names.isEmpty() ? new EnumMap<>(Column.class) : new EnumMap<>(names));
            if (names.containsKey(Column.SKIP)) {
                throw new IllegalArgumentException("fields: skip is a CSV column; leave a JSON field out instead");
            }
        }

        @Override
        public Set<Column> fields() {
            return names.isEmpty() ? EnumSet.noneOf(Column.class) : EnumSet.copyOf(names.keySet());
        }

        @Override
        public String unit() {
            return "record";
        }
    }

    public static ReturnNoticeLayout csv(String name, List<Column> columns, int headerLines, Charset encoding,
                                         Map<String, ReturnReason> reasonCodes) {
        return new ReturnNoticeLayout(name, new Csv(columns, headerLines, encoding, Optional.empty()), reasonCodes,
                Map.of(), ISO_DATES, DEFAULT_TRANSFER_DATE_WINDOW_DAYS);
    }

    public ReturnNoticeLayout {
        // in the layout file's order: refusals list them as the operator wrote them
        reasonCodes = Collections.unmodifiableMap(new LinkedHashMap<>(reasonCodes));
        accountTypes = Collections.unmodifiableMap(new LinkedHashMap<>(accountTypes));
        Set<Column> fields = shape.fields();
        EnumSet<Column> missing = EnumSet.copyOf(REQUIRED);
        missing.removeAll(fields);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException((shape instanceof Json ? "fields" : "columns") + " lack "
                    + missing.stream().map(Column::key).toList());
        }
        if (RUN_KEYS.stream().noneMatch(fields::contains)) {
            throw new IllegalArgumentException((shape instanceof Json ? "fields" : "columns")
                    + " need file_name, transfer_date or business_date: without one a line cannot name its payout's run");
        }
        if (!accountTypes.isEmpty() && !fields.contains(Column.ACCOUNT_TYPE)) {
            throw new IllegalArgumentException("account-types is set, but there is no account_type field");
        }
        dates(dateFormat);
        if (transferDateWindowDays < 0 || transferDateWindowDays > MAX_TRANSFER_DATE_WINDOW_DAYS) {
            throw new IllegalArgumentException("transfer-date-window-days must be 0 to " + MAX_TRANSFER_DATE_WINDOW_DAYS);
        }
    }

    public boolean has(Column column) {
        return shape.fields().contains(column);
    }

    /** Our reason for the bank's code as it stands in the notice. */
    public Optional<ReturnReason> reason(String bankCode) {
        if (!reasonCodes.isEmpty()) {
            return Optional.ofNullable(reasonCodes.get(bankCode));
        }
        return bankCode.matches("[0-9]") ? ReturnReason.ofCode(Integer.parseInt(bankCode)) : Optional.empty();
    }

    /** The account type the bank wrote: one of its words, or without them 1, 2 or 4. */
    public Optional<AccountType> accountType(String bankValue) {
        if (!accountTypes.isEmpty()) {
            return Optional.ofNullable(accountTypes.get(bankValue));
        }
        return bankValue.matches("[124]") ? AccountType.ofCode(Integer.valueOf(bankValue)) : Optional.empty();
    }

    public DateTimeFormatter dates() {
        return dates(dateFormat);
    }

    /** Strict: 2026-02-30 is no date. {@code yyyy} is read as the year, as operators write it. */
    private static DateTimeFormatter dates(String pattern) {
        DateTimeFormatter formatter;
        try {
            formatter = DateTimeFormatter.ofPattern(pattern.replace('y', 'u')).withResolverStyle(ResolverStyle.STRICT);
        } catch (IllegalArgumentException bad) {
            throw new IllegalArgumentException("date-format '" + pattern + "' is not a date pattern: " + bad.getMessage());
        }
        LocalDate probe = LocalDate.of(2026, 11, 25);
        boolean readsBack;
        try {
            readsBack = LocalDate.parse(formatter.format(probe), formatter).equals(probe);
        } catch (RuntimeException notADay) {
            readsBack = false;
        }
        if (!readsBack) {
            throw new IllegalArgumentException("date-format '" + pattern + "' must give year, month and day");
        }
        return formatter;
    }
}

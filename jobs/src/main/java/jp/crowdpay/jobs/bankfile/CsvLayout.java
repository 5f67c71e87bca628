package jp.crowdpay.jobs.bankfile;

import java.nio.charset.Charset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import jp.crowdpay.jobs.bankfile.account.BankAccount;

/**
 * A bank's CSV layout: which fields in which order, an optional header row of titles, an optional
 * trailer row (literal text with the placeholders {@code count} and {@code total}), the encoding
 * and the line ending. Layouts are configuration ({@link CsvLayoutFile}); this one is built in.
 */
public record CsvLayout(String name, List<Column> columns, List<String> header, List<String> trailer,
                        Charset encoding, String lineEnding) {

    public static final String DEFAULT = LayoutFile.DEFAULT;
    public static final String COUNT = "count";
    public static final String TOTAL = "total";

    /**
     * Without these a transfer cannot be made or the file's total cannot be proved. Declared
     * before BUILT_IN, whose construction checks against it.
     */
    private static final Set<Column> REQUIRED = EnumSet.of(Column.BANK_CODE, Column.BRANCH_CODE,
            Column.ACCOUNT_NUMBER, Column.PAYEE_NAME, Column.AMOUNT);

    /** The default layout (docs/rules.md): no header, no trailer, CRLF, Windows-31J. */
    public static final CsvLayout BUILT_IN = new CsvLayout(DEFAULT,
            List.of(Column.BANK_CODE, Column.BRANCH_CODE, Column.ACCOUNT_TYPE, Column.ACCOUNT_NUMBER,
                    Column.PAYEE_NAME, Column.AMOUNT, Column.CUSTOMER_CODE),
            List.of(), List.of(), Charset.forName("Windows-31J"), "\r\n");

    public enum Column {
        BANK_CODE, BRANCH_CODE, ACCOUNT_TYPE, ACCOUNT_NUMBER, PAYEE_NAME, AMOUNT, CUSTOMER_CODE, BANK_NAME, BRANCH_NAME;

        String valueOf(PayoutLine line) {
            BankAccount account = line.account();
            return switch (this) {
                case BANK_CODE -> account.bankCode();
                case BRANCH_CODE -> account.branchCode();
                case ACCOUNT_TYPE -> Integer.toString(account.accountType().code());
                case ACCOUNT_NUMBER -> account.accountNumber();
                case PAYEE_NAME -> account.payeeName();
                case AMOUNT -> Long.toString(line.amountYen());
                case CUSTOMER_CODE -> line.customerCode();
                case BANK_NAME -> line.bankName() == null ? "" : line.bankName();
                case BRANCH_NAME -> line.branchName() == null ? "" : line.branchName();
            };
        }
    }

    public CsvLayout {
        columns = List.copyOf(columns);
        header = List.copyOf(header);
        trailer = List.copyOf(trailer);
        EnumSet<Column> missing = EnumSet.copyOf(REQUIRED);
        missing.removeAll(columns);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("columns lack " + missing.toString().toLowerCase());
        }
        if (Set.copyOf(columns).size() != columns.size()) {
            throw new IllegalArgumentException("columns name a field twice");
        }
        if (!header.isEmpty() && header.size() != columns.size()) {
            throw new IllegalArgumentException("header has " + header.size() + " titles for " + columns.size() + " columns");
        }
        // nothing is quoted: a comma or quote in a literal would shift the bank's columns
        for (String literal : concat(header, trailer)) {
            if (literal.contains(",") || literal.contains("\"") || literal.contains("\n") || literal.contains("\r")) {
                throw new IllegalArgumentException("header and trailer text cannot hold commas, quotes or line breaks");
            }
        }
        if (!lineEnding.equals("\r\n") && !lineEnding.equals("\n")) {
            throw new IllegalArgumentException("line ending must be CRLF or LF");
        }
    }

    int amountIndex() {
        return columns.indexOf(Column.AMOUNT);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }
}

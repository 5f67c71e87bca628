package jp.crowdpay.jobs.returns;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jp.crowdpay.jobs.bankfile.LayoutFile;

/**
 * How a bank's portal lists returned transfers: which field is in which column, how many title
 * lines come first, the encoding, and the bank's reason codes if they are not ours. Layouts
 * are configuration ({@link ReturnLayoutFile}); the default one is built in.
 *
 * @param reasonCodes the bank's reason code to ours; empty when the bank uses ours (1, 2, 3, 4, 9)
 */
public record ReturnNoticeLayout(String name, List<Column> columns, int headerLines, Charset encoding,
                                 Map<String, ReturnReason> reasonCodes) {

    public static final String DEFAULT = LayoutFile.DEFAULT;

    /** Without these a line cannot be matched to exactly one payout and its account. */
    private static final Set<Column> REQUIRED = EnumSet.of(Column.FILE_NAME, Column.CUSTOMER_CODE, Column.BANK_CODE,
            Column.BRANCH_CODE, Column.ACCOUNT_NUMBER, Column.AMOUNT, Column.REASON_CODE);

    /** CSV, no header, Windows-31J, one line per returned transfer. */
    public static final ReturnNoticeLayout BUILT_IN = new ReturnNoticeLayout(DEFAULT,
            List.of(Column.FILE_NAME, Column.CUSTOMER_CODE, Column.BANK_CODE, Column.BRANCH_CODE,
                    Column.ACCOUNT_NUMBER, Column.AMOUNT, Column.REASON_CODE, Column.REASON_TEXT),
            0, Charset.forName("Windows-31J"), Map.of());

    /** A column of the notice; {@code SKIP} is a column of the bank's that the import does not need. */
    public enum Column {
        FILE_NAME, CUSTOMER_CODE, BANK_CODE, BRANCH_CODE, ACCOUNT_TYPE, ACCOUNT_NUMBER, PAYEE_NAME, AMOUNT,
        REASON_CODE, REASON_TEXT, SKIP
    }

    public ReturnNoticeLayout {
        columns = List.copyOf(columns);
        reasonCodes = Map.copyOf(reasonCodes);
        EnumSet<Column> missing = EnumSet.copyOf(REQUIRED);
        missing.removeAll(columns);
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("columns lack " + missing.toString().toLowerCase());
        }
        for (Column column : Column.values()) {
            if (column != Column.SKIP && columns.stream().filter(column::equals).count() > 1) {
                throw new IllegalArgumentException("columns name " + column.name().toLowerCase() + " twice");
            }
        }
        if (headerLines < 0) {
            throw new IllegalArgumentException("header-lines must be 0 or more");
        }
        // lines are split on the byte 0x0A and fields on ',' before decoding
        byte[] separators = "\r\n,\"".getBytes(encoding);
        if (!Arrays.equals(separators, "\r\n,\"".getBytes(StandardCharsets.US_ASCII))) {
            throw new IllegalArgumentException("encoding " + encoding.name()
                    + " is not one that writes ASCII as single bytes (Windows-31J, Shift_JIS, EUC-JP, UTF-8)");
        }
    }

    public int indexOf(Column column) {
        return columns.indexOf(column);
    }

    public boolean has(Column column) {
        return columns.contains(column);
    }

    /** Our reason for the bank's code as it stands in the notice. */
    public Optional<ReturnReason> reason(String bankCode) {
        if (!reasonCodes.isEmpty()) {
            return Optional.ofNullable(reasonCodes.get(bankCode));
        }
        return bankCode.matches("[0-9]") ? ReturnReason.ofCode(Integer.parseInt(bankCode)) : Optional.empty();
    }
}

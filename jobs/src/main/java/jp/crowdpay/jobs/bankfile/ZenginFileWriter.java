package jp.crowdpay.jobs.bankfile;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.account.AccountType;

/**
 * Writes the Zengin 総合振込 fixed-length format: a header, one data record per transfer, a trailer
 * with count and total, an end record; 120 bytes each followed by CRLF, single-byte Shift_JIS.
 *
 * <p>A value that does not fit its field is refused with an {@link IllegalArgumentException} naming
 * the record and the field, never the value (it may be an account number or a name). Truncating
 * or padding a code instead would send money to another account.
 *
 * <p>Unused fields: clearing house (39-42) as the requester chose ({@link ZenginClearingHouse}),
 * customer code 2 as zeros.
 */
public final class ZenginFileWriter {

    public static final int RECORD_LENGTH = 120;
    static final Charset SHIFT_JIS = Charset.forName("Windows-31J");
    private static final byte[] CRLF = {'\r', '\n'};
    private static final long MAX_AMOUNT = 9_999_999_999L;
    /** The trailer's total, N12. */
    public static final long MAX_TOTAL = 999_999_999_999L;
    /** The trailer's count, N6. */
    public static final int MAX_COUNT = 999_999;

    private ZenginFileWriter() {
    }

    /** The whole file. Pure: the same arguments always give the same bytes. */
    public static byte[] write(ZenginHeader header, List<ZenginTransfer> transfers, ZenginClearingHouse clearingHouse) {
        if (transfers.size() > MAX_COUNT) {
            throw new IllegalArgumentException("trailer: record count " + transfers.size() + " exceeds " + MAX_COUNT);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((transfers.size() + 3) * (RECORD_LENGTH + 2));
        out.writeBytes(headerRecord(header));
        long total = 0;
        for (int i = 0; i < transfers.size(); i++) {
            out.writeBytes(dataRecord(i + 1, transfers.get(i), clearingHouse));
            total += transfers.get(i).amount();
            if (total > MAX_TOTAL) {
                throw new IllegalArgumentException("trailer: total amount exceeds " + MAX_TOTAL + " yen");
            }
        }
        out.writeBytes(trailerRecord(transfers.size(), total));
        out.writeBytes(endRecord());
        return out.toByteArray();
    }

    public static byte[] headerRecord(ZenginHeader h) {
        Record r = new Record("header");
        r.raw("1").raw("21").raw("0");
        r.numeric("requester code", h.requesterCode(), 10);
        r.text("requester name", h.requesterName(), 40);
        if (h.transferDate() == null) {
            throw new IllegalArgumentException("header: transfer date is missing");
        }
        r.raw(String.format("%02d%02d", h.transferDate().getMonthValue(), h.transferDate().getDayOfMonth()));
        r.numeric("sending bank code", h.bankCode(), 4);
        r.text("sending bank name", h.bankName(), 15);
        r.numeric("sending branch code", h.branchCode(), 3);
        r.text("sending branch name", h.branchName(), 15);
        r.accountType("sending account type", h.accountType());
        r.numeric("sending account number", h.accountNumber(), 7);
        return r.spaces(17).end();
    }

    /** Data record number {@code index} (1-based, used in error messages only). */
    public static byte[] dataRecord(int index, ZenginTransfer t, ZenginClearingHouse clearingHouse) {
        return dataRecord(new Record("data record " + index), t, clearingHouse);
    }

    /** Why the transfer cannot be a data record, naming the field and never its value; empty when it can. */
    public static Optional<String> dataRecordProblem(ZenginTransfer t) {
        try {
            // the clearing-house field is constant: either form tells whether the rest fits
            dataRecord(new Record(null), t, ZenginClearingHouse.ZEROS);
            return Optional.empty();
        } catch (IllegalArgumentException cannot) {
            return Optional.of(cannot.getMessage());
        }
    }

    private static byte[] dataRecord(Record r, ZenginTransfer t, ZenginClearingHouse clearingHouse) {
        r.raw("2");
        r.numeric("bank code", t.bankCode(), 4);
        r.text("bank name", t.bankName(), 15);
        r.numeric("branch code", t.branchCode(), 3);
        r.text("branch name", t.branchName(), 15);
        r.raw(clearingHouse.field());
        r.accountType("account type", t.accountType());
        r.numeric("account number", t.accountNumber(), 7);
        r.text("payee name", t.payeeName(), 30);
        if (t.amount() < 1 || t.amount() > MAX_AMOUNT) {
            throw r.problem("amount must be 1 to " + MAX_AMOUNT + " yen");
        }
        r.number(t.amount(), 10);
        r.raw("0");
        if (t.customerCode() < 0 || t.customerCode() > PayoutLine.MAX_CUSTOMER_CODE) {
            throw r.problem("customer code must be 0 or more and fit 10 digits");
        }
        r.number(t.customerCode(), 10);
        r.number(0, 10);
        r.raw("7");
        return r.spaces(8).end();
    }

    public static byte[] trailerRecord(int count, long total) {
        if (count < 0 || count > MAX_COUNT || total < 0 || total > MAX_TOTAL) {
            throw new IllegalArgumentException("trailer: count or total does not fit N6/N12");
        }
        return new Record("trailer").raw("8").number(count, 6).number(total, 12).spaces(101).end();
    }

    public static byte[] endRecord() {
        return new Record("end").raw("9").spaces(119).end();
    }

    /** Builds one record field by field, so each field's width is stated once, beside its check. */
    private static final class Record {
        private final String name;
        private final StringBuilder text = new StringBuilder(RECORD_LENGTH);

        /** @param name how messages name the record, or null for messages about a record not being written */
        Record(String name) {
            this.name = name;
        }

        IllegalArgumentException problem(String problem) {
            return new IllegalArgumentException(name == null ? problem : name + ": " + problem);
        }

        Record raw(String value) {
            text.append(value);
            return this;
        }

        Record spaces(int width) {
            text.append(" ".repeat(width));
            return this;
        }

        Record number(long value, int width) {
            text.append(String.format("%0" + width + "d", value));
            return this;
        }

        /** Codes have a fixed number of digits: a shorter one is a different code, not a padded one. */
        void numeric(String field, String value, int width) {
            if (value == null || value.length() != width || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw problem(field + " must be " + width + " digits");
            }
            text.append(value);
        }

        void text(String field, String value, int width) {
            String v = value == null ? "" : value;
            for (int i = 0; i < v.length(); i++) {
                if (!isSingleByte(v.charAt(i))) {
                    // the position, not the character: the field may be a payee name
                    throw problem(field + " has a character that is not single-byte JIS X 0201 at position " + (i + 1));
                }
            }
            if (v.length() > width) {
                throw problem(field + " is " + v.length() + " characters; the field holds " + width);
            }
            text.append(v).append(" ".repeat(width - v.length()));
        }

        void accountType(String field, AccountType type) {
            if (type == null) {
                throw problem(field + " is missing");
            }
            text.append(type.code());
        }

        byte[] end() {
            byte[] bytes = text.toString().getBytes(SHIFT_JIS);
            if (bytes.length != RECORD_LENGTH) {
                throw new IllegalStateException(name + " came out " + bytes.length + " bytes, not " + RECORD_LENGTH);
            }
            byte[] line = new byte[RECORD_LENGTH + CRLF.length];
            System.arraycopy(bytes, 0, line, 0, RECORD_LENGTH);
            System.arraycopy(CRLF, 0, line, RECORD_LENGTH, CRLF.length);
            return line;
        }
    }

    /** Printable ASCII and half-width katakana: the characters Shift_JIS writes in one byte. */
    static boolean isSingleByte(char c) {
        return (c >= 0x20 && c <= 0x7E) || (c >= '｡' && c <= 'ﾟ');
    }
}

package jp.crowdpay.jobs.bankfile;

import java.io.IOException;
import java.io.InputStream;
import java.time.DateTimeException;
import java.time.MonthDay;
import java.util.ArrayList;
import java.util.List;
import jp.crowdpay.jobs.bankfile.account.AccountType;

/**
 * Reads back a 総合振込 file as {@link ZenginFileWriter} writes it, to verify a written file and in
 * tests. Strict: any deviation from the layout (record length, CRLF, order, a non-digit in a
 * numeric field) is an {@link IllegalArgumentException} naming the line. It does not check the
 * trailer against the records; callers compare {@link ZenginFile#trailerTotal()} with
 * {@link ZenginFile#sumOfTransfers()}.
 */
public final class ZenginFileReader {

    private static final int LINE_LENGTH = ZenginFileWriter.RECORD_LENGTH + 2;

    private ZenginFileReader() {
    }

    public static ZenginFile read(byte[] file) {
        if (file.length == 0 || file.length % LINE_LENGTH != 0) {
            throw new IllegalArgumentException("file is " + file.length + " bytes, not a whole number of "
                    + LINE_LENGTH + "-byte lines");
        }
        int lines = file.length / LINE_LENGTH;
        ZenginHeader header = header(line(file, 0));
        List<ZenginTransfer> transfers = new ArrayList<>();
        int next = 1;
        while (next < lines && file[next * LINE_LENGTH] == '2') {
            transfers.add(data(line(file, next++)));
        }
        Trailer trailer = trailer(line(file, requireLine(next++, lines, "trailer (8)")));
        end(line(file, requireLine(next++, lines, "end record (9)")));
        if (next < lines) {
            throw new IllegalArgumentException("line " + (next + 1) + ": comes after the end record");
        }
        return new ZenginFile(header, transfers, trailer.count(), trailer.total());
    }

    /**
     * The transfers' count and sum and what the trailer states, read record by record with every
     * check of {@link #read}: memory stays the same whatever the number of transfers.
     */
    public static Totals totals(InputStream file) throws IOException {
        byte[] record = new byte[LINE_LENGTH];
        int number = 1;
        if (!next(file, record, number)) {
            throw new IllegalArgumentException("file is 0 bytes, not a whole number of " + LINE_LENGTH + "-byte lines");
        }
        header(line(record, 0, number));
        long transfers = 0;
        long sum = 0;
        boolean more;
        while ((more = next(file, record, ++number)) && record[0] == '2') {
            sum = Math.addExact(sum, data(line(record, 0, number)).amount());
            transfers++;
        }
        if (!more) {
            throw missing(number - 1, "trailer (8)");
        }
        Trailer trailer = trailer(line(record, 0, number));
        if (!next(file, record, ++number)) {
            throw missing(number - 1, "end record (9)");
        }
        end(line(record, 0, number));
        if (next(file, record, number + 1)) {
            throw new IllegalArgumentException("line " + (number + 1) + ": comes after the end record");
        }
        return new Totals(transfers, sum, trailer.count(), trailer.total());
    }

    /** What {@link #totals} read: the transfers and their sum, and what the trailer states. */
    public record Totals(long transfers, long sumOfTransfers, long trailerCount, long trailerTotal) {
    }

    private record Trailer(int count, long total) {
    }

    /** Reads the next whole line into {@code record}; false at the end of the file. */
    private static boolean next(InputStream file, byte[] record, int number) throws IOException {
        int read = file.readNBytes(record, 0, LINE_LENGTH);
        if (read == 0) {
            return false;
        }
        if (read < LINE_LENGTH) {
            throw new IllegalArgumentException("line " + number + ": the file ends " + read + " bytes into it, not a whole"
                    + " number of " + LINE_LENGTH + "-byte lines");
        }
        return true;
    }

    private static IllegalArgumentException missing(int lines, String what) {
        return new IllegalArgumentException("file ends after line " + lines + "; the " + what + " is missing");
    }

    private static Trailer trailer(Line trailer) {
        trailer.expect(1, "8", "record type");
        int count = (int) trailer.number(2, 6, "record count");
        long total = trailer.number(8, 12, "total amount");
        trailer.expectBlank(20, 120);
        return new Trailer(count, total);
    }

    private static void end(Line end) {
        end.expect(1, "9", "record type");
        end.expectBlank(2, 120);
    }

    private static int requireLine(int index, int lines, String what) {
        if (index >= lines) {
            throw new IllegalArgumentException("file ends after line " + lines + "; the " + what + " is missing");
        }
        return index;
    }

    private static ZenginHeader header(Line l) {
        l.expect(1, "1", "record type");
        l.expect(2, "21", "type code");
        l.expect(4, "0", "code type");
        MonthDay date;
        try {
            date = MonthDay.of((int) l.number(55, 2, "transfer month"), (int) l.number(57, 2, "transfer day"));
        } catch (DateTimeException e) {
            throw l.problem("transfer date is not a date");
        }
        l.expectBlank(104, 120);
        return new ZenginHeader(l.digits(5, 10, "requester code"), l.text(15, 40), date,
                l.digits(59, 4, "sending bank code"), l.text(63, 15), l.digits(78, 3, "sending branch code"),
                l.text(81, 15), l.accountType(96), l.digits(97, 7, "sending account number"));
    }

    private static ZenginTransfer data(Line l) {
        l.expect(1, "2", "record type");
        String clearingHouse = l.field(39, 4);
        if (!clearingHouse.equals(ZenginClearingHouse.ZEROS.field()) && !clearingHouse.equals(ZenginClearingHouse.SPACES.field())) {
            throw l.problem("clearing house (bytes 39-42) is neither 0000 nor spaces");
        }
        l.expect(91, "0", "new-payee code");
        l.number(102, 10, "customer code 2");
        l.expect(112, "7", "transfer type");
        l.expectBlank(113, 120);
        return new ZenginTransfer(l.digits(2, 4, "bank code"), l.text(6, 15), l.digits(21, 3, "branch code"),
                l.text(24, 15), l.accountType(43), l.digits(44, 7, "account number"), l.text(51, 30),
                l.number(81, 10, "amount"), l.number(92, 10, "customer code 1"));
    }

    private static Line line(byte[] file, int index) {
        return line(file, index * LINE_LENGTH, index + 1);
    }

    private static Line line(byte[] bytes, int start, int number) {
        if (bytes[start + LINE_LENGTH - 2] != '\r' || bytes[start + LINE_LENGTH - 1] != '\n') {
            throw new IllegalArgumentException("line " + number + ": does not end in CRLF after 120 bytes");
        }
        for (int i = start; i < start + ZenginFileWriter.RECORD_LENGTH; i++) {
            if (bytes[i] == '\r' || bytes[i] == '\n') {
                throw new IllegalArgumentException("line " + number + ": line break inside the record");
            }
        }
        String text = new String(bytes, start, ZenginFileWriter.RECORD_LENGTH, ZenginFileWriter.SHIFT_JIS);
        if (text.length() != ZenginFileWriter.RECORD_LENGTH) {
            // a double-byte character would shift every later field
            throw new IllegalArgumentException("line " + number + ": has characters that are not single-byte");
        }
        return new Line(number, text);
    }

    /** One 120-character record; positions are 1-based as in the layout table. */
    private record Line(int number, String text) {

        String field(int from, int width) {
            return text.substring(from - 1, from - 1 + width);
        }

        String text(int from, int width) {
            return field(from, width).stripTrailing();
        }

        String digits(int from, int width, String name) {
            String value = field(from, width);
            if (!value.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw problem(name + " is not " + width + " digits");
            }
            return value;
        }

        long number(int from, int width, String name) {
            return Long.parseLong(digits(from, width, name));
        }

        AccountType accountType(int at) {
            return AccountType.ofCode((int) number(at, 1, "account type"))
                    .orElseThrow(() -> problem("account type is not 1, 2 or 4"));
        }

        void expect(int from, String expected, String name) {
            if (!field(from, expected.length()).equals(expected)) {
                throw problem(name + " is not '" + expected + "'");
            }
        }

        void expectBlank(int from, int to) {
            if (!field(from, to - from + 1).isBlank()) {
                throw problem("bytes " + from + "-" + to + " are not spaces");
            }
        }

        IllegalArgumentException problem(String message) {
            return new IllegalArgumentException("line " + number + ": " + message);
        }
    }
}

package jp.crowdpay.jobs.returns;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.StringJoiner;
import jp.crowdpay.jobs.bankfile.PayeeName;
import jp.crowdpay.jobs.bankfile.PayeeNameNormalizer;
import jp.crowdpay.jobs.returns.ReturnNoticeLayout.Column;

/**
 * Turns the bytes of a return notice into its lines, checking the form of every field, and lists
 * every line that is not well-formed with its number and why. Lines end in CRLF or LF; empty
 * lines at the end are ignored, empty lines between returns are not. Problems never quote an
 * account number or a payee name.
 */
public final class ReturnNoticeParser {

    private static final byte LF = '\n';

    private final ReturnNoticeLayout layout;

    public ReturnNoticeParser(ReturnNoticeLayout layout) {
        this.layout = layout;
    }

    public record Parsed(List<NoticeLine> lines, List<RefusedLine> problems) {
    }

    public Parsed parse(byte[] notice) {
        List<byte[]> rawLines = splitLines(withoutByteOrderMark(notice));
        List<NoticeLine> lines = new ArrayList<>();
        List<RefusedLine> problems = new ArrayList<>();
        for (int index = 0; index < rawLines.size(); index++) {
            int number = index + 1;
            Optional<String> text = decode(rawLines.get(index), number, problems);
            if (text.isEmpty() || index < layout.headerLines()) {
                continue;
            }
            if (text.get().isEmpty()) {
                problems.add(new RefusedLine(number, "the line is empty"));
                continue;
            }
            parseLine(number, text.get(), lines, problems);
        }
        return new Parsed(lines, problems);
    }

    private Optional<String> decode(byte[] bytes, int number, List<RefusedLine> problems) {
        String text;
        try {
            text = layout.encoding().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notThatEncoding) {
            problems.add(new RefusedLine(number, "the bytes are not valid " + layout.encoding().name()
                    + "; export the notice in the layout's encoding"));
            return Optional.empty();
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        // the decoder lets some bytes through as control or private-use characters (0x80, 0xA0, 0xFD-0xFF, 外字)
        int position = 0;
        for (int codePoint : text.codePoints().toArray()) {
            position++;
            if ((Character.isISOControl(codePoint) && codePoint != '\t')
                    || Character.getType(codePoint) == Character.PRIVATE_USE) {
                problems.add(new RefusedLine(number, "character " + position + " is not valid "
                        + layout.encoding().name() + " text; export the notice in the layout's encoding"));
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    private void parseLine(int number, String text, List<NoticeLine> lines, List<RefusedLine> problems) {
        List<String> fields;
        try {
            fields = CsvLine.split(text);
        } catch (IllegalArgumentException malformed) {
            problems.add(new RefusedLine(number, "not a CSV line: " + malformed.getMessage()));
            return;
        }
        if (fields.size() != layout.columns().size()) {
            problems.add(new RefusedLine(number, fields.size() + " fields, but the layout " + layout.name() + " has "
                    + layout.columns().size()));
            return;
        }
        Fields line = new Fields(fields);
        String bankFile = line.text(Column.FILE_NAME);
        if (bankFile.isEmpty()) {
            line.problem("the file name is missing");
        }
        String customerCode = line.digits(Column.CUSTOMER_CODE, "customer code", 10);
        String bankCode = line.digits(Column.BANK_CODE, "bank code", 4);
        String branchCode = line.digits(Column.BRANCH_CODE, "branch code", 3);
        String accountNumber = line.digits(Column.ACCOUNT_NUMBER, "account number", 7);
        Integer accountType = null;
        if (layout.has(Column.ACCOUNT_TYPE)) {
            String type = line.text(Column.ACCOUNT_TYPE);
            if (type.matches("[124]")) {
                accountType = Integer.valueOf(type);
            } else {
                line.problem("account type must be 1, 2 or 4");
            }
        }
        String payeeName = null;
        if (layout.has(Column.PAYEE_NAME)) {
            if (PayeeNameNormalizer.normalize(line.text(Column.PAYEE_NAME)) instanceof PayeeName.Valid valid) {
                payeeName = valid.name();
            } else {
                line.problem("the payee name is not one the bank takes");
            }
        }
        String amount = line.text(Column.AMOUNT);
        if (!amount.matches("[0-9]{1,15}") || Long.parseLong(amount) == 0) {
            line.problem("the amount must be a whole number of yen above 0, without separators");
        }
        Optional<ReturnReason> reason = layout.reason(line.text(Column.REASON_CODE));
        if (reason.isEmpty()) {
            line.problem("reason code '" + line.text(Column.REASON_CODE) + "' is not one the layout " + layout.name()
                    + " knows" + (layout.reasonCodes().isEmpty() ? " (1, 2, 3, 4, 9)" : " " + layout.reasonCodes().keySet()));
        }
        if (line.problems.length() > 0) {
            problems.add(new RefusedLine(number, line.problems.toString()));
            return;
        }
        String reasonText = layout.has(Column.REASON_TEXT) ? fields.get(layout.indexOf(Column.REASON_TEXT)) : "";
        lines.add(new NoticeLine(number, bankFile, Long.parseLong(customerCode), bankCode, branchCode, accountType,
                accountNumber, payeeName, Long.parseLong(amount), reason.get(), reasonText));
    }

    /** The fields of one line, by column, with the problems found so far. */
    private final class Fields {
        private final List<String> values;
        private final StringJoiner problems = new StringJoiner("; ");

        Fields(List<String> values) {
            this.values = values;
        }

        String text(Column column) {
            return values.get(layout.indexOf(column)).strip();
        }

        String digits(Column column, String name, int length) {
            String value = text(column);
            if (!value.matches("[0-9]{" + length + "}")) {
                problem(name + " must be " + length + " digits");
            }
            return value;
        }

        void problem(String problem) {
            problems.add(problem);
        }
    }

    private byte[] withoutByteOrderMark(byte[] notice) {
        boolean bom = layout.encoding().equals(StandardCharsets.UTF_8) && notice.length >= 3
                && (notice[0] & 0xFF) == 0xEF && (notice[1] & 0xFF) == 0xBB && (notice[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(notice, 3, notice.length) : notice;
    }

    /** Lines without their LF; the empty lines at the end are dropped. */
    private static List<byte[]> splitLines(byte[] notice) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= notice.length; i++) {
            if (i == notice.length || notice[i] == LF) {
                lines.add(Arrays.copyOfRange(notice, start, i));
                start = i + 1;
            }
        }
        while (!lines.isEmpty() && isBlank(lines.get(lines.size() - 1))) {
            lines.remove(lines.size() - 1);
        }
        return lines;
    }

    private static boolean isBlank(byte[] line) {
        return line.length == 0 || (line.length == 1 && line[0] == '\r');
    }
}

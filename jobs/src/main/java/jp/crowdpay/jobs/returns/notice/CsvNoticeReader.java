package jp.crowdpay.jobs.returns.notice;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import jp.crowdpay.jobs.returns.notice.ReturnNoticeLayout.Column;

/**
 * Reads a CSV notice: lines end in CRLF or LF, title lines come first, empty lines at the end are
 * ignored and empty lines between returns are not; a total row, where the layout has one, is the
 * last line. Each line is decoded on its own, so that a bad byte is reported with its line.
 */
final class CsvNoticeReader implements NoticeReader {

    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final ReturnNoticeLayout layout;
    private final ReturnNoticeLayout.Csv csv;

    CsvNoticeReader(ReturnNoticeLayout layout, ReturnNoticeLayout.Csv csv) {
        this.layout = layout;
        this.csv = csv;
    }

    @Override
    public Read read(byte[] notice) {
        byte[] bytes = withoutByteOrderMark(notice);
        List<RefusedLine> problems = new ArrayList<>();
        if (endsLinesInCrOnly(bytes)) {
            problems.add(RefusedLine.ofNotice("its lines end in CR alone (the line ending of classic Mac OS), which this"
                    + " import does not split on; export the notice with CRLF or LF line endings"));
            return new Read(List.of(), problems, 0, Optional.empty());
        }
        List<byte[]> rawLines = splitLines(bytes);
        List<NoticeRecord> records = new ArrayList<>();
        Optional<Total> total = Optional.empty();
        int totalLine = 0;
        int dataLines = 0;
        for (int index = 0; index < rawLines.size(); index++) {
            int number = index + 1;
            Optional<String> text = decode(rawLines.get(index), number, problems);
            if (index < csv.headerLines()) {
                continue;
            }
            if (text.isEmpty()) {
                dataLines++;
                continue;
            }
            if (text.get().isEmpty()) {
                dataLines++;
                problems.add(new RefusedLine(number, "the line is empty"));
                continue;
            }
            List<String> fields;
            try {
                fields = CsvLine.split(text.get());
            } catch (IllegalArgumentException malformed) {
                dataLines++;
                problems.add(new RefusedLine(number, "not a CSV line: " + malformed.getMessage()));
                continue;
            }
            if (isTotalRow(fields)) {
                if (totalLine > 0) {
                    problems.add(new RefusedLine(number, "a second total row (" + csv.trailer().get().label()
                            + "); line " + totalLine + " is one already"));
                } else {
                    totalLine = number;
                    total = totalRow(number, fields, problems);
                }
                continue;
            }
            dataLines++;
            if (totalLine > 0) {
                problems.add(new RefusedLine(number, "the line follows the total row (line " + totalLine
                        + "), which must be the last"));
                continue;
            }
            if (fields.size() != csv.columns().size()) {
                problems.add(new RefusedLine(number, fields.size() + " fields, but the layout " + layout.name() + " has "
                        + csv.columns().size()));
                continue;
            }
            Map<Column, String> values = new EnumMap<>(Column.class);
            for (int field = 0; field < fields.size(); field++) {
                if (csv.columns().get(field) != Column.SKIP) {
                    values.put(csv.columns().get(field), fields.get(field));
                }
            }
            records.add(new NoticeRecord(number, values));
        }
        if (csv.trailer().isPresent() && totalLine == 0) {
            problems.add(RefusedLine.ofNotice("it has no total row (a line starting " + csv.trailer().get().label()
                    + "), which the layout " + layout.name() + " expects as its last line: was the export cut short?"));
        }
        return new Read(records, problems, dataLines, total);
    }

    /** The line's first field that is not empty is the trailer's label. */
    private boolean isTotalRow(List<String> fields) {
        return csv.trailer().isPresent() && fields.stream().map(String::strip).filter(field -> !field.isEmpty()).findFirst()
                .filter(csv.trailer().get().label()::equals).isPresent();
    }

    private Optional<Total> totalRow(int number, List<String> fields, List<RefusedLine> problems) {
        ReturnNoticeLayout.Trailer trailer = csv.trailer().get();
        OptionalLong count = trailer.countField() <= fields.size()
                ? NoticeNumbers.count(fields.get(trailer.countField() - 1)) : OptionalLong.empty();
        OptionalLong yen = trailer.amountField() <= fields.size()
                ? NoticeNumbers.yen(fields.get(trailer.amountField() - 1)) : OptionalLong.empty();
        List<String> missing = new ArrayList<>();
        if (count.isEmpty()) {
            missing.add("a count of returns in field " + trailer.countField());
        }
        if (yen.isEmpty()) {
            missing.add("a sum of yen in field " + trailer.amountField());
        }
        if (!missing.isEmpty()) {
            problems.add(new RefusedLine(number, "the total row does not hold " + String.join(" and ", missing)));
            return Optional.empty();
        }
        return Optional.of(new Total(number, count.getAsLong(), yen.getAsLong()));
    }

    private Optional<String> decode(byte[] bytes, int number, List<RefusedLine> problems) {
        String text;
        try {
            text = csv.encoding().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException notThatEncoding) {
            problems.add(new RefusedLine(number, "the bytes are not valid " + csv.encoding().name()
                    + "; export the notice in the layout's encoding"));
            return Optional.empty();
        }
        if (text.endsWith("\r")) {
            text = text.substring(0, text.length() - 1);
        }
        int carriageReturn = text.indexOf('\r');
        if (carriageReturn >= 0) {
            problems.add(new RefusedLine(number, "a CR without LF at character " + (carriageReturn + 1)
                    + ": the notice mixes line endings; export it with CRLF or LF line endings"));
            return Optional.empty();
        }
        // the decoder lets some bytes through as control or private-use characters (0x80, 0xA0, 0xFD-0xFF, 外字)
        int position = 0;
        for (int codePoint : text.codePoints().toArray()) {
            position++;
            if ((Character.isISOControl(codePoint) && codePoint != '\t')
                    || Character.getType(codePoint) == Character.PRIVATE_USE) {
                problems.add(new RefusedLine(number, "character " + position + " is not valid "
                        + csv.encoding().name() + " text; export the notice in the layout's encoding"));
                return Optional.empty();
            }
        }
        return Optional.of(text);
    }

    private byte[] withoutByteOrderMark(byte[] notice) {
        boolean bom = csv.encoding().equals(StandardCharsets.UTF_8) && notice.length >= 3
                && (notice[0] & 0xFF) == 0xEF && (notice[1] & 0xFF) == 0xBB && (notice[2] & 0xFF) == 0xBF;
        return bom ? Arrays.copyOfRange(notice, 3, notice.length) : notice;
    }

    /**
     * CRs but no LF at all, one at the very end aside: lines that end in CR alone. (No layout's
     * encoding writes the byte CR inside a character, so the byte is the character.)
     */
    private static boolean endsLinesInCrOnly(byte[] notice) {
        boolean crInside = false;
        for (int i = 0; i < notice.length; i++) {
            if (notice[i] == LF) {
                return false;
            }
            crInside |= notice[i] == CR && i < notice.length - 1;
        }
        return crInside;
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
        return line.length == 0 || (line.length == 1 && line[0] == CR);
    }
}

package jp.crowdpay.jobs.returns.notice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * Turns the bytes of a return notice into its lines, checking the form of every field, and lists
 * every line that is not well-formed with its number and why: a CSV notice
 * ({@link CsvNoticeReader}) or a JSON array ({@link JsonNoticeReader}), whose fields are then
 * checked alike ({@link NoticeFields}). A notice with a total row must agree with it, in count
 * and in yen. Problems never quote an account number or a payee name.
 */
public final class ReturnNoticeParser {

    private final ReturnNoticeLayout layout;

    public ReturnNoticeParser(ReturnNoticeLayout layout) {
        this.layout = layout;
    }

    /** @param problems by line; line 0 is the notice as a whole */
    public record Parsed(List<NoticeLine> lines, List<RefusedLine> problems) {
    }

    public Parsed parse(byte[] notice) {
        NoticeReader reader = layout.shape() instanceof ReturnNoticeLayout.Csv csv ? new CsvNoticeReader(layout, csv)
                : new JsonNoticeReader((ReturnNoticeLayout.Json) layout.shape());
        NoticeReader.Read read = reader.read(notice);
        List<RefusedLine> problems = new ArrayList<>(read.problems());
        List<NoticeLine> lines = new ArrayList<>();
        NoticeFields fields = new NoticeFields(layout);
        for (NoticeRecord record : read.records()) {
            fields.read(record, problems).ifPresent(lines::add);
        }
        read.total().ifPresent(total -> checkTotal(total, read, problems));
        problems.sort(Comparator.comparingInt(RefusedLine::lineNumber));
        return new Parsed(lines, problems);
    }

    /**
     * The total row against the lines: a count that differs means lines were lost or added on the
     * way, and the notice is refused whole. The sum is checked when every line has an amount.
     */
    private static void checkTotal(NoticeReader.Total total, NoticeReader.Read read, List<RefusedLine> problems) {
        List<String> differences = new ArrayList<>();
        if (total.count() != read.dataLines()) {
            differences.add(String.format("states %,d return%s, but the notice lists %,d", total.count(),
                    total.count() == 1 ? "" : "s", read.dataLines()));
        }
        boolean everyAmount = read.records().size() == read.dataLines()
                && read.records().stream().allMatch(record -> NoticeFields.amount(record).isPresent());
        if (everyAmount) {
            long yen = read.records().stream().map(NoticeFields::amount).mapToLong(OptionalLong::getAsLong).sum();
            if (yen != total.yen()) {
                differences.add(String.format("states %,d yen, but the lines add up to %,d yen", total.yen(), yen));
            }
        }
        if (!differences.isEmpty()) {
            problems.add(new RefusedLine(total.lineNumber(), "the total row " + String.join(" and ", differences)
                    + "; the notice is refused whole"));
        }
    }
}

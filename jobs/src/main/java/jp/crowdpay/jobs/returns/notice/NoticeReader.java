package jp.crowdpay.jobs.returns.notice;

import java.util.List;
import java.util.Optional;

/** Turns the bytes of a notice of one shape into its records, before any field is checked. */
interface NoticeReader {

    Read read(byte[] notice);

    /**
     * @param dataLines the returned transfers the notice lists, well-formed or not: what its total row counts
     * @param total     the notice's own total row, when its layout has one and the notice holds it
     */
    record Read(List<NoticeRecord> records, List<RefusedLine> problems, int dataLines, Optional<Total> total) {
    }

    /** What the notice's total row states. */
    record Total(int lineNumber, long count, long yen) {
    }
}

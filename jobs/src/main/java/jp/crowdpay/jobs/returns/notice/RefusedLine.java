package jp.crowdpay.jobs.returns.notice;

/**
 * A line (or JSON record) of a return notice that cannot be applied, and why, never quoting
 * personal data ({@link RefusalText}); line 0 stands for the notice as a whole.
 */
public record RefusedLine(int lineNumber, String why) {

    /** For a problem of the whole notice rather than of one of its lines. */
    public static RefusedLine ofNotice(String why) {
        return new RefusedLine(0, why);
    }

    /** @param unit how the notice's shape counts: "line", or "record" in a JSON array */
    public String describe(String unit) {
        return (lineNumber == 0 ? "the notice" : unit + " " + lineNumber) + ": " + why;
    }

    @Override
    public String toString() {
        return describe("line");
    }
}

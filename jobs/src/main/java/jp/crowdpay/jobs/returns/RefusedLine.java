package jp.crowdpay.jobs.returns;

/** A line of a return notice that cannot be applied, and why (never quoting personal data). */
public record RefusedLine(int lineNumber, String why) {

    @Override
    public String toString() {
        return "line " + lineNumber + ": " + why;
    }
}

package jp.crowdpay.jobs.bankfile.calendar;

/** A date falls in a year the holiday file does not list; the message tells the operator what to add. */
public class HolidaysNotCoveredException extends IllegalStateException {
    public HolidaysNotCoveredException(String message) {
        super(message);
    }
}

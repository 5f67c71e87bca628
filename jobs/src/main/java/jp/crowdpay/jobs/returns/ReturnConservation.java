package jp.crowdpay.jobs.returns;

import java.util.ArrayList;
import java.util.List;

/**
 * The proof every import gives, read back from the database after it wrote: every line became
 * one return with one credit and one flag, and the yen credited are exactly the returned
 * payouts' amounts transferred (their gross, with refund-fee).
 */
public record ReturnConservation(long lines, long returns, long credits, long flags, long creditedYen,
                                 long expectedYen, boolean refundFee) {

    public List<String> violations() {
        List<String> broken = new ArrayList<>();
        if (returns != lines || credits != lines || flags != lines) {
            broken.add(lines + " lines but " + returns + " returns, " + credits + " credits and " + flags
                    + " flagged accounts recorded");
        }
        if (creditedYen != expectedYen) {
            broken.add("credited " + creditedYen + " yen != the returned payouts' " + basis() + " " + expectedYen + " yen");
        }
        return broken;
    }

    public void verify() {
        List<String> broken = violations();
        if (!broken.isEmpty()) {
            throw new IllegalStateException("conservation check of the returns failed: " + String.join("; ", broken));
        }
    }

    public String basis() {
        return refundFee ? "gross" : "amounts transferred";
    }
}

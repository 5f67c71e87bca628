package jp.crowdpay.jobs.payout.rules;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * The proof every run must give: nothing lost, nothing twice, no one skipped. The unpaid rewards
 * in scope before the run are exactly those it paid, those it expired and those still unpaid
 * after it, in count and in yen; the bank file carries exactly the amounts transferred; and every
 * worker in scope got an outcome. Yen are summed without a range to pass.
 *
 * @param workersInScope null for a run opened before workers in scope were recorded
 */
public record Conservation(Tally unpaidBefore, Tally paid, Tally expired, Tally unpaidAfter,
                           Tally transferred, Tally file, Long workersInScope, long workersConsidered) {

    /** A number of rewards (or payouts, or records) and their yen. */
    public record Tally(long count, BigInteger yen) {
        public static Tally of(long count, long yen) {
            return new Tally(count, BigInteger.valueOf(yen));
        }
    }

    /** The broken equations in words; empty when the run conserved everything. */
    public List<String> violations() {
        List<String> broken = new ArrayList<>();
        if (!unpaidBefore.yen().equals(paid.yen().add(expired.yen()).add(unpaidAfter.yen()))) {
            broken.add("unpaid before " + unpaidBefore.yen() + " yen != paid " + paid.yen() + " + expired " + expired.yen()
                    + " + unpaid after " + unpaidAfter.yen() + " yen");
        }
        if (unpaidBefore.count() != paid.count() + expired.count() + unpaidAfter.count()) {
            broken.add("unpaid before " + unpaidBefore.count() + " rewards != paid " + paid.count() + " + expired "
                    + expired.count() + " + unpaid after " + unpaidAfter.count() + " rewards");
        }
        if (file.count() != transferred.count() || !file.yen().equals(transferred.yen())) {
            broken.add("bank file holds " + file.count() + " records / " + file.yen() + " yen but the run transferred "
                    + transferred.count() + " payouts / " + transferred.yen() + " yen");
        }
        if (workersInScope != null && workersInScope != workersConsidered) {
            broken.add("workers in scope " + workersInScope + " != workers given an outcome " + workersConsidered);
        }
        return broken;
    }

    public void verify() {
        List<String> broken = violations();
        if (!broken.isEmpty()) {
            throw new IllegalStateException("conservation check failed: " + String.join("; ", broken));
        }
    }
}

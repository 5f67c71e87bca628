package jp.crowdpay.jobs.payout;

import java.util.ArrayList;
import java.util.List;

/**
 * The proof every run must give: nothing lost, nothing twice. The unpaid rewards in scope
 * before the run are exactly those it paid, those it expired and those still unpaid after it,
 * in count and in yen; and the bank file carries exactly the amounts transferred.
 */
public record Conservation(
        long unpaidBeforeCount, long unpaidBeforeYen,
        long paidRewardCount, long paidGrossYen,
        long expiredCount, long expiredYen,
        long unpaidAfterCount, long unpaidAfterYen,
        long payouts, long transferredYen,
        long fileRecords, long fileTotalYen) {

    /** The broken equations in words; empty when the run conserved everything. */
    public List<String> violations() {
        List<String> broken = new ArrayList<>();
        if (unpaidBeforeYen != paidGrossYen + expiredYen + unpaidAfterYen) {
            broken.add("unpaid before " + unpaidBeforeYen + " yen != paid " + paidGrossYen + " + expired " + expiredYen
                    + " + unpaid after " + unpaidAfterYen + " yen");
        }
        if (unpaidBeforeCount != paidRewardCount + expiredCount + unpaidAfterCount) {
            broken.add("unpaid before " + unpaidBeforeCount + " rewards != paid " + paidRewardCount + " + expired "
                    + expiredCount + " + unpaid after " + unpaidAfterCount + " rewards");
        }
        if (fileRecords != payouts || fileTotalYen != transferredYen) {
            broken.add("bank file holds " + fileRecords + " records / " + fileTotalYen + " yen but the run transferred "
                    + payouts + " payouts / " + transferredYen + " yen");
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

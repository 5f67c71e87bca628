package jp.crowdpay.jobs.close;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a close must prove before it is recorded, each figure against one the ledger keeps on its
 * own: the opening against the previous close's closing; the closing against the ledger's unpaid
 * total at the end of the month's last night (what that night recorded as left unpaid, plus the
 * rewards confirmed on or before the month's last day that it did not cover) and against the
 * rewards the ledger shows owed at the month's end; and, night by night, the payouts against the
 * rewards they marked paid and the recorded expiry against the rewards expired.
 *
 * @param previousClosing    the closing of the previous month, when it is closed
 * @param openingFromHistory the rewards confirmed before the month, in the previous close's books,
 *                           that no night dated before the month paid or expired
 * @param nightUnpaid        the last night's recorded unpaid total (its scope's rewards it left unpaid)
 * @param arrivedAfter       rewards confirmed on or before the month's last day that the last night did not cover
 * @param owedByRewards      the rewards confirmed on or before the month's last day that no night dated in it or
 *                           before it paid or expired, as the rewards themselves show it
 */
record CloseProof(RollForward rollForward, Optional<Tally> previousClosing, Tally openingFromHistory,
                  LocalDate lastNight, Tally nightUnpaid, Tally arrivedAfter, Tally owedByRewards, List<NightCheck> nights) {

    /** A night's own records against what its rewards show. */
    record NightCheck(LocalDate date, Tally paidByPayouts, Tally paidRewards, Tally expiredRecorded, Tally expiredRewards) {
    }

    Tally ledgerAtMonthEnd() {
        return nightUnpaid.plus(arrivedAfter);
    }

    /** The figures that disagree, each naming the difference; empty when the close is proved. */
    List<String> violations() {
        List<String> broken = new ArrayList<>();
        String month = rollForward.month().toString();
        previousClosing.filter(closing -> !closing.equals(openingFromHistory)).ifPresent(closing -> broken.add(
                "the opening from the ledger's history, " + openingFromHistory + ", differs from the closing of "
                        + rollForward.month().minusMonths(1) + ", " + closing + ": " + difference(openingFromHistory, closing)));
        Tally closing = rollForward.closing();
        if (!closing.equals(ledgerAtMonthEnd())) {
            broken.add("the closing of " + month + ", " + closing + ", differs from the ledger's unpaid total at the end of"
                    + " the night of " + lastNight + ", " + ledgerAtMonthEnd() + " (" + nightUnpaid + " the night left unpaid + "
                    + arrivedAfter + " confirmed on or before " + rollForward.month().atEndOfMonth() + " after it opened): "
                    + difference(closing, ledgerAtMonthEnd()));
        }
        if (!closing.equals(owedByRewards)) {
            broken.add("the closing of " + month + ", " + closing + ", differs from the rewards the ledger shows owed at the"
                    + " month's end, " + owedByRewards + ": " + difference(closing, owedByRewards));
        }
        for (NightCheck night : nights) {
            if (!night.paidByPayouts().equals(night.paidRewards())) {
                broken.add("the payouts of the night of " + night.date() + " cover " + night.paidByPayouts()
                        + " but the rewards marked paid by them are " + night.paidRewards() + ": "
                        + difference(night.paidByPayouts(), night.paidRewards()));
            }
            if (!night.expiredRecorded().equals(night.expiredRewards())) {
                broken.add("the night of " + night.date() + " recorded " + night.expiredRecorded() + " expired but the"
                        + " rewards expired by it are " + night.expiredRewards() + ": "
                        + difference(night.expiredRecorded(), night.expiredRewards()));
            }
        }
        return broken;
    }

    private static String difference(Tally figure, Tally against) {
        Tally by = figure.minus(against);
        return String.format("a difference of %+,d yen and %+,d %s", by.yen(), by.count(),
                Math.abs(by.count()) == 1 ? "reward" : "rewards");
    }
}

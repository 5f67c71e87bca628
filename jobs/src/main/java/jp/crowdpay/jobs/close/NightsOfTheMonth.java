package jp.crowdpay.jobs.close;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Whether every night of a month is done, which a close needs: the month is over, and each of its
 * dates has a completed night, or none and none can run any more (a later night has completed:
 * the payout refuses a date before it, and that night expired and paid what the date would have)
 * and the operator confirmed it as missed. A date without a night and no later night can still run.
 */
final class NightsOfTheMonth {

    private NightsOfTheMonth() {
    }

    /**
     * @param problems why the month cannot close yet, each with what to do; empty when it can
     * @param missed   the dates without a night that the operator confirmed
     */
    record Verdict(List<String> problems, SortedSet<LocalDate> missed) {
    }

    /**
     * @param nights                    the month's nights by business date: whether each completed
     * @param firstCompletedAfterMonth  the earliest completed night dated after the month, if any
     * @param confirmedMissed           the dates the operator gave with --missed-nights
     */
    static Verdict judge(YearMonth month, LocalDate today, ZoneId zone, Map<LocalDate, Boolean> nights,
                         Optional<LocalDate> firstCompletedAfterMonth, SortedSet<LocalDate> confirmedMissed) {
        LocalDate last = month.atEndOfMonth();
        if (!today.isAfter(last)) {
            return new Verdict(List.of(month + " is not over yet in " + zone + " (today is " + today
                    + "): rewards can still be confirmed in it; close it from " + last.plusDays(1)), new TreeSet<>());
        }
        SortedSet<LocalDate> unfinished = new TreeSet<>();
        SortedSet<LocalDate> notRun = new TreeSet<>();
        SortedSet<LocalDate> missed = new TreeSet<>();
        for (LocalDate date = month.atDay(1); !date.isAfter(last); date = date.plusDays(1)) {
            Boolean completed = nights.get(date);
            if (completed == null) {
                (laterNightCompleted(date, nights, firstCompletedAfterMonth) ? missed : notRun).add(date);
            } else if (!completed) {
                unfinished.add(date);
            }
        }
        List<String> problems = new ArrayList<>();
        for (LocalDate date : unfinished) {
            problems.add("the night of " + date + " has not completed: continue it with 'payout --date " + date + "'");
        }
        if (!notRun.isEmpty()) {
            problems.add("no night has run for " + DateRange.join(DateRange.covering(notRun)) + " yet: run 'payout --date"
                    + " YYYY-MM-DD' for each of these dates, the earliest first");
        }
        SortedSet<LocalDate> unconfirmed = new TreeSet<>(missed);
        unconfirmed.removeAll(confirmedMissed);
        if (!unconfirmed.isEmpty()) {
            String dates = DateRange.join(DateRange.covering(unconfirmed));
            problems.add("no night ran for " + dates + " and none can run any more (a later night has completed, and"
                    + " expired and paid what was due then); if that is so, confirm it with --missed-nights " + dates);
        }
        SortedSet<LocalDate> notMissed = new TreeSet<>(confirmedMissed);
        notMissed.removeAll(missed);
        if (!notMissed.isEmpty()) {
            problems.add("--missed-nights names " + DateRange.join(DateRange.covering(notMissed)) + ", which "
                    + (notMissed.size() == 1 ? "is not a missed night" : "are not missed nights") + " of " + month);
        }
        SortedSet<LocalDate> confirmed = new TreeSet<>(missed);
        confirmed.retainAll(confirmedMissed);
        return new Verdict(problems, confirmed);
    }

    private static boolean laterNightCompleted(LocalDate date, Map<LocalDate, Boolean> nights,
                                               Optional<LocalDate> firstCompletedAfterMonth) {
        return firstCompletedAfterMonth.isPresent()
                || nights.entrySet().stream().anyMatch(night -> night.getValue() && night.getKey().isAfter(date));
    }
}

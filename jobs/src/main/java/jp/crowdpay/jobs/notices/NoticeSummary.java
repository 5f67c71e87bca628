package jp.crowdpay.jobs.notices;

import java.math.BigInteger;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a night's notices amount to, for the operator and the log: notices and yen by threshold
 * and by reason, how many go to support too because the worker is locked out, and the workers
 * support must unlock before their rewards expire. Built from the recorded rows, so a night run
 * again reports the same.
 */
record NoticeSummary(LocalDate businessDate, NoticeThresholds thresholds, List<ExpiryNotice> notices,
                     List<SupportCase> support, String file, String sha256) {

    record Group(long notices, BigInteger yen) {
        Group plus(ExpiryNotice notice) {
            return new Group(notices + 1, yen.add(notice.yenAtRisk()));
        }
    }

    private static final Group NONE = new Group(0, BigInteger.ZERO);

    Group total() {
        return notices.stream().reduce(NONE, Group::plus, NoticeSummary::sum);
    }

    /** Largest threshold first, every threshold shown. */
    Map<Integer, Group> byThreshold() {
        Map<Integer, Group> groups = new TreeMap<>(Comparator.reverseOrder());
        thresholds.ascending().forEach(threshold -> groups.put(threshold, NONE));
        notices.forEach(notice -> groups.merge(notice.thresholdDays(), NONE.plus(notice), NoticeSummary::sum));
        return groups;
    }

    Map<String, Group> byReason() {
        return group(ExpiryNotice::reason);
    }

    long loginLocked() {
        return notices.stream().filter(ExpiryNotice::loginLocked).count();
    }

    private <K extends Comparable<K>> Map<K, Group> group(Function<ExpiryNotice, K> key) {
        Map<K, Group> groups = new TreeMap<>();
        notices.forEach(notice -> groups.merge(key.apply(notice), NONE.plus(notice), NoticeSummary::sum));
        return groups;
    }

    private static Group sum(Group a, Group b) {
        return new Group(a.notices + b.notices, a.yen.add(b.yen));
    }

    List<String> lines() {
        List<String> lines = new ArrayList<>();
        Group total = total();
        lines.add("Expiry notices of " + businessDate + " (thresholds " + thresholds + " days): " + count(total));
        byThreshold().forEach((days, group) -> lines.add(String.format("  threshold %3d days  %s", days, count(group))));
        byReason().forEach((reason, group) -> lines.add(String.format("  %-22s %s", reason, count(group))));
        lines.add(String.format("  login locked           %,d (their notices go to support too)", loginLocked()));
        lines.add(String.format("  for support            %,d locked out with yen at risk within %s that the lock"
                + " release does not unlock%s", support.size(), days(thresholds.smallest()), support.isEmpty() ? "" : ":"));
        support.forEach(listed -> lines.add(String.format("    worker %d  %s (%s)  %,d yen at risk  deadline %s (%s left)",
                listed.workerId(), listed.supportLock(), listed.lockReason(), listed.yenAtRisk(), listed.earliestDeadline(),
                days(listed.daysLeft()))));
        lines.add("  file                   " + NoticeFile.outboxPath(file) + " (sha256 " + sha256 + ")");
        return lines;
    }

    private static String days(int days) {
        return days == 1 ? "1 day" : days + " days";
    }

    private static String count(Group group) {
        return String.format("%,d %s, %,d yen at risk", group.notices, group.notices == 1 ? "notice" : "notices", group.yen);
    }

    String oneLine() {
        return "expiryNotices: date=" + businessDate + " notices=" + total().notices + " yen_at_risk=" + total().yen
                + " by_threshold=" + byThreshold().entrySet().stream()
                        .map(entry -> entry.getKey() + ":" + entry.getValue().notices + "/" + entry.getValue().yen)
                        .collect(Collectors.joining(",", "{", "}"))
                + " by_reason=" + byReason().entrySet().stream()
                        .map(entry -> entry.getKey() + ":" + entry.getValue().notices + "/" + entry.getValue().yen)
                        .collect(Collectors.joining(",", "{", "}"))
                + " login_locked=" + loginLocked() + " for_support=" + support.size()
                + " support_workers=" + support.stream().map(listed -> String.valueOf(listed.workerId()))
                        .collect(Collectors.joining(",", "[", "]"))
                + " file=" + file + " sha256=" + sha256;
    }
}

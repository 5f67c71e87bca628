package jp.crowdpay.jobs.notices;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;
import jp.crowdpay.jobs.settings.InvalidSettingException;

/**
 * The days before a deadline at which a worker is warned. A worker is warned at the tightest
 * threshold their days left reach: with 30, 7 and 1, 7 days left is the 7-day notice, 0 days
 * left (the last payable day) the 1-day one, 31 days none.
 */
public final class NoticeThresholds {

    private final List<Integer> ascending;

    private NoticeThresholds(List<Integer> ascending) {
        this.ascending = ascending;
    }

    /** @throws InvalidSettingException naming payout.notices.thresholds when the list is empty, has a day twice, or one not positive */
    static NoticeThresholds of(List<Integer> days) {
        if (days == null || days.isEmpty()) {
            throw new InvalidSettingException(NoticeProperties.THRESHOLDS, "needs at least one number of days");
        }
        if (days.stream().anyMatch(Objects::isNull)) {
            throw new InvalidSettingException(NoticeProperties.THRESHOLDS, "has an empty entry: " + days);
        }
        for (int day : days) {
            if (day < 1) {
                throw new InvalidSettingException(NoticeProperties.THRESHOLDS,
                        "every threshold must be 1 day or more, was " + day + " in " + days);
            }
        }
        if (new HashSet<>(days).size() != days.size()) {
            throw new InvalidSettingException(NoticeProperties.THRESHOLDS, "names a threshold twice: " + days);
        }
        return new NoticeThresholds(days.stream().sorted().toList());
    }

    /** The tightest threshold that {@code daysLeft} reaches; empty before the largest or after the deadline. */
    public Optional<Integer> reached(long daysLeft) {
        if (daysLeft < 0) {
            return Optional.empty();
        }
        return ascending.stream().filter(threshold -> daysLeft <= threshold).findFirst();
    }

    public int largest() {
        return ascending.get(ascending.size() - 1);
    }

    public int smallest() {
        return ascending.get(0);
    }

    /** Smallest first, as recorded with each night. */
    public List<Integer> ascending() {
        return ascending;
    }

    @Override
    public String toString() {
        return ascending.stream().sorted(Comparator.reverseOrder()).map(String::valueOf).collect(Collectors.joining(", "));
    }
}

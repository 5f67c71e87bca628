package jp.crowdpay.jobs.payout.settings;

import java.util.Optional;
import jp.crowdpay.jobs.settings.InvalidSettingException;

/**
 * The shape of the paying step that {@code payout.partitions} and {@code payout.partitioning}
 * ask for: one chunk step, or partitions on local threads or in remote workers; and the rules
 * that come with the shape.
 */
public record PayingStepShape(int partitions, PayoutProperties.Partitioning partitioning) {

    public static PayingStepShape of(PayoutProperties settings) {
        return new PayingStepShape(settings.partitions(), settings.partitioning());
    }

    public boolean single() {
        return partitions == 1 && partitioning == PayoutProperties.Partitioning.LOCAL;
    }

    public boolean remote() {
        return partitioning == PayoutProperties.Partitioning.REMOTE;
    }

    /**
     * Local partitions each hold two connections while they pay (the reader's cursor and the
     * chunk's transaction); the run needs two more. The settling's threads (as many as the
     * partitions) and the bank file's hold one connection each, once the paying is done.
     */
    public void checkPoolSize(int poolSize) {
        if (single() || remote()) {
            return;
        }
        int needed = 2 * partitions + 2;
        if (needed > poolSize) {
            throw new InvalidSettingException("payout.partitions", partitions + " local partitions need "
                    + needed + " connections, spring.datasource.hikari.maximum-pool-size is " + poolSize);
        }
    }

    /**
     * A failed run continues with the shape its paying step had: a single step resumes after its
     * last worker, partitions each after their own, and neither knows the other's restart key,
     * so switching between them would count the workers carried forward twice.
     *
     * @param failedRunWasPartitioned whether the unfinished paying step of the failed run had partitions
     */
    public Optional<String> refusalToContinue(boolean failedRunWasPartitioned) {
        if (failedRunWasPartitioned != single()) {
            return Optional.empty();
        }
        return Optional.of("the failed run was paying " + (failedRunWasPartitioned ? "in partitions" : "in a single step")
                + ", but payout.partitions is now " + partitions + " (" + partitioning
                + "); continue it with " + (failedRunWasPartitioned ? "payout.partitions above 1" : "payout.partitions: 1 and local"));
    }
}

package jp.crowdpay.jobs.payout.settings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import jp.crowdpay.jobs.payout.rules.FeeSchedule;
import jp.crowdpay.jobs.payout.rules.LockedRowsRule;
import jp.crowdpay.jobs.payout.rules.MarkPaid;
import jp.crowdpay.jobs.payout.rules.MarkPaidRule;
import jp.crowdpay.jobs.payout.rules.PayoutOutcome;
import jp.crowdpay.jobs.payout.rules.RewardDeadline;
import jp.crowdpay.jobs.payout.rules.WithdrawalRule;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the nightly payout ({@code payout.*}). Invalid values stop the program at start,
 * before anything is touched, with a message that names the setting.
 */
@ConfigurationProperties("payout")
@Validated
public record PayoutProperties(
        @DefaultValue("Asia/Tokyo") @NotNull ZoneId zone,
        @DefaultValue("180") @Min(1) @Max(3650) int deadlineDays,
        @DefaultValue @NotNull @Valid Thresholds thresholds,
        @DefaultValue @NotNull @Valid Fees fees,
        @DefaultValue("./outbox") @NotNull Path outbox,
        @DefaultValue("1000") @Min(1) @Max(100_000) int chunkSize,
        @DefaultValue("500000") @Min(1) @Max(100_000_000) long markingRange,
        @DefaultValue("auto") @NotNull MarkPaid markPaid,
        @DefaultValue("1") @Min(1) @Max(64) int partitions,
        @DefaultValue("local") @NotNull Partitioning partitioning,
        @DefaultValue @NotNull @Valid Remote remote,
        @DefaultValue("2s") @NotNull Duration platformLockTimeout,
        @DefaultValue @NotNull @Valid LockedRows lockedRows) {

    /** Longer, and each platform transaction longer than this would hold up a chunk of the night as long. */
    private static final Duration LONGEST_LOCK_TIMEOUT = Duration.ofMinutes(10);

    public PayoutProperties {
        // relative to the working directory; absolute, so that every message names the folder an operator finds
        outbox = outbox == null ? null : outbox.toAbsolutePath().normalize();
        within("payout.platform-lock-timeout", platformLockTimeout, Duration.ofMillis(1), LONGEST_LOCK_TIMEOUT);
        if (thresholds != null && fees != null) {
            // a fee as large as the smallest payable balance would transfer nothing or less
            requireAboveEveryFee("payout.thresholds.on-demand", thresholds.onDemand(), fees);
            requireAboveEveryFee("payout.thresholds.min-50000", thresholds.min50000(), fees);
        }
    }

    private static void requireAboveEveryFee(String setting, long threshold, Fees fees) {
        Map.Entry<String, Long> highest = fees.highest();
        if (threshold <= highest.getValue()) {
            throw new InvalidSettingException(setting, threshold + " yen is not above the highest transfer fee, "
                    + highest.getValue() + " yen (" + highest.getKey() + ")");
        }
    }

    private static void within(String setting, Duration value, Duration least, Duration most) {
        if (value != null && (value.compareTo(least) < 0 || value.compareTo(most) > 0)) {
            throw new InvalidSettingException(setting, "must be from " + written(least) + " to " + written(most)
                    + ", not " + written(value));
        }
    }

    /** As the setting is written: 2s, 10m, 500ms. */
    private static String written(Duration value) {
        if (value.isZero()) {
            return "0s";
        }
        if (value.isNegative() || value.toNanosPart() % 1_000_000 != 0) {
            return value.toString();
        }
        long millis = value.toMillis();
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        return millis % 1_000 == 0 ? millis / 1_000 + "s" : millis + "ms";
    }

    /**
     * Workers whose rows (worker, bank_account) another transaction held past
     * {@code payout.platform-lock-timeout} when their chunk tried to take them.
     *
     * @param retries how many more times the night tries them, after the paying step; still held
     *                at the last try, a worker is carried forward as {@link PayoutOutcome#ROWS_LOCKED}
     * @param pause   how long after a worker's last try the next one comes, at least
     */
    public record LockedRows(
            @DefaultValue("3") @Min(0) @Max(100) int retries,
            @DefaultValue("30s") @NotNull Duration pause) {

        public LockedRows {
            within("payout.locked-rows.pause", pause, Duration.ZERO, Duration.ofHours(1));
        }
    }

    /** Where the partitions of the paying step run. */
    public enum Partitioning {
        /** on threads of the process that runs the job */
        LOCAL,
        /** in worker processes ({@code worker} command) that take partitions from a RabbitMQ queue */
        REMOTE
    }

    /**
     * Remote partitioning. The broker is Spring Boot's {@code spring.rabbitmq.*}.
     *
     * @param queue        the queue of partition requests, shared by the manager and its workers
     * @param pollInterval how often the manager reads the job repository for finished partitions
     * @param timeout      how long partitions may wait with none being paid and nothing moving before
     *                     the run fails for want of workers ({@code partitioning.PartitionWatch})
     */
    public record Remote(
            @DefaultValue("payout.partitions") @NotBlank String queue,
            @DefaultValue("2s") @NotNull Duration pollInterval,
            @DefaultValue("5m") @NotNull Duration timeout) {

        public Remote {
            positive("payout.remote.poll-interval", pollInterval);
            positive("payout.remote.timeout", timeout);
            if (pollInterval != null && timeout != null && timeout.compareTo(pollInterval) < 0) {
                throw new InvalidSettingException("payout.remote.timeout",
                        "must be at least payout.remote.poll-interval (" + pollInterval + "), not " + timeout);
            }
        }

        private static void positive(String setting, Duration value) {
            if (value != null && (value.isNegative() || value.isZero())) {
                throw new InvalidSettingException(setting, "must be positive, not " + value);
            }
        }
    }

    public record Thresholds(
            @DefaultValue("1000") @Min(1) @Max(10_000_000) long onDemand,
            @DefaultValue("50000") @Min(1) @Max(10_000_000) long min50000) {
    }

    public record Fees(
            @Name("default") @DefaultValue("0") @Min(0) @Max(100_000) long defaultFee,
            @DefaultValue Map<String, Long> byBank) {

        public Fees {
            byBank = Map.copyOf(byBank == null ? Map.of() : byBank);
            byBank.forEach((bankCode, fee) -> {
                if (!bankCode.matches("[0-9]{4}")) {
                    throw new InvalidSettingException("payout.fees.by-bank",
                            "'" + bankCode + "' is not a 4-digit bank code");
                }
                if (fee == null || fee < 0) {
                    throw new InvalidSettingException("payout.fees.by-bank." + bankCode,
                            "the fee must be 0 yen or more, not " + fee);
                }
            });
        }

        /** The highest fee and the setting that sets it. */
        Map.Entry<String, Long> highest() {
            Map.Entry<String, Long> highest = Map.entry("payout.fees.default", defaultFee);
            for (Map.Entry<String, Long> fee : new TreeMap<>(byBank).entrySet()) {
                if (fee.getValue() > highest.getValue()) {
                    highest = Map.entry("payout.fees.by-bank." + fee.getKey(), fee.getValue());
                }
            }
            return highest;
        }
    }

    /** Today's single paying step, without partitions. */
    public boolean singleStep() {
        return partitions == 1 && partitioning == Partitioning.LOCAL;
    }

    public FeeSchedule feeSchedule() {
        return new FeeSchedule(fees.defaultFee(), fees.byBank());
    }

    public RewardDeadline rewardDeadline() {
        return new RewardDeadline(deadlineDays);
    }

    public MarkPaidRule markPaidRule() {
        return new MarkPaidRule(markingRange, chunkSize);
    }

    public LockedRowsRule lockedRowsRule() {
        return new LockedRowsRule(platformLockTimeout, lockedRows.retries(), lockedRows.pause());
    }

    public WithdrawalRule withdrawalRule() {
        return new WithdrawalRule(thresholds.onDemand(), thresholds.min50000(), feeSchedule());
    }
}

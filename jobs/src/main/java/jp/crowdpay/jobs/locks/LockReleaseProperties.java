package jp.crowdpay.jobs.locks;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the lock-release job ({@code locks.*}). Invalid values stop the program at start,
 * before anything is touched, with a message that names the setting: each value by its
 * constraint, the pair of durations by the constructor.
 */
@ConfigurationProperties("locks")
@Validated
public record LockReleaseProperties(
        @DefaultValue("1h") @NotNull @DurationMin(nanos = 1) Duration baseDuration,
        @DefaultValue("24h") @NotNull Duration maxDuration,
        @DefaultValue("5") @Min(1) int supportThreshold,
        @DefaultValue("1000") @Min(1) int maxReleasesPerRun,
        @DefaultValue("5m") @NotNull @DurationMin(nanos = 0) Duration clockSkew,
        @DefaultValue("100") @Min(1) int chunkSize) {

    public LockReleaseProperties {
        if (baseDuration != null && maxDuration != null && maxDuration.compareTo(baseDuration) < 0) {
            throw new InvalidSettingException("locks.max-duration",
                    "must be at least locks.base-duration (" + baseDuration + "), was " + maxDuration);
        }
    }

    public LockDurationPolicy policy() {
        return new LockDurationPolicy(baseDuration, maxDuration, supportThreshold);
    }
}

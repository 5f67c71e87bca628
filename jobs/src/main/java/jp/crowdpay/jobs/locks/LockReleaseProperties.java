package jp.crowdpay.jobs.locks;

import java.time.Duration;
import jp.crowdpay.jobs.shared.InvalidSettingException;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the lock-release job ({@code locks.*}). Checked when the application starts, so
 * that a bad value stops every run before it touches an account.
 */
@ConfigurationProperties("locks")
public record LockReleaseProperties(
        @DefaultValue("1h") Duration baseDuration,
        @DefaultValue("24h") Duration maxDuration,
        @DefaultValue("5") int supportThreshold,
        @DefaultValue("1000") int maxReleasesPerRun,
        @DefaultValue("5m") Duration clockSkew,
        @DefaultValue("100") int chunkSize) {

    public LockReleaseProperties {
        if (baseDuration == null || baseDuration.isNegative() || baseDuration.isZero()) {
            throw new InvalidSettingException("locks.base-duration", "must be longer than zero, was " + baseDuration);
        }
        if (maxDuration == null || maxDuration.compareTo(baseDuration) < 0) {
            throw new InvalidSettingException("locks.max-duration",
                    "must be at least locks.base-duration (" + baseDuration + "), was " + maxDuration);
        }
        if (supportThreshold < 1) {
            throw new InvalidSettingException("locks.support-threshold", "must be 1 or more, was " + supportThreshold);
        }
        if (maxReleasesPerRun < 1) {
            throw new InvalidSettingException("locks.max-releases-per-run", "must be 1 or more, was " + maxReleasesPerRun);
        }
        if (clockSkew == null || clockSkew.isNegative()) {
            throw new InvalidSettingException("locks.clock-skew", "must be zero or more, was " + clockSkew);
        }
        if (chunkSize < 1) {
            throw new InvalidSettingException("locks.chunk-size", "must be 1 or more, was " + chunkSize);
        }
    }

    LockDurationPolicy policy() {
        return new LockDurationPolicy(baseDuration, maxDuration, supportThreshold);
    }
}

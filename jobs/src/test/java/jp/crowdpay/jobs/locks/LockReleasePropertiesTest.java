package jp.crowdpay.jobs.locks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jp.crowdpay.jobs.cli.ExitCodes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class LockReleasePropertiesTest {

    @Configuration
    @EnableConfigurationProperties(LockReleaseProperties.class)
    static class Settings {
    }

    @ParameterizedTest(name = "{0}={1} is refused")
    @CsvSource({
            "locks.base-duration, 0s",
            "locks.base-duration, -1h",
            "locks.max-duration, 30m",
            "locks.support-threshold, 0",
            "locks.max-releases-per-run, 0",
            "locks.clock-skew, -1s",
            "locks.chunk-size, 0"})
    void invalidSettingIsRefusedAtStartNamingIt(String setting, String value) {
        // given
        var runner = new ApplicationContextRunner().withUserConfiguration(Settings.class).withPropertyValues(setting + "=" + value);
        // when
        runner.run(context -> {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int exitCode = ExitCodes.forStartupFailure(context.getStartupFailure(), new PrintStream(err, true, StandardCharsets.UTF_8));
            // then
            assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains(setting);
        });
    }

    @Test
    void defaultsAreThoseOfTheProductRules() {
        new ApplicationContextRunner().withUserConfiguration(Settings.class).run(context -> {
            var properties = context.getBean(LockReleaseProperties.class);
            assertThat(properties.baseDuration()).hasHours(1);
            assertThat(properties.maxDuration()).hasHours(24);
            assertThat(properties.supportThreshold()).isEqualTo(5);
        });
    }
}

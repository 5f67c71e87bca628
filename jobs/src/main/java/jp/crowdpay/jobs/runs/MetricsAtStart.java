package jp.crowdpay.jobs.runs;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * How a command ended that never reached its run: refused at start (a bad option, a bad setting)
 * or unable to start (no database). The application did not start, so its metrics and their
 * push do not exist: the settings are read again by an application that only reads them (the
 * same files and environment, nothing else started), and the outcome is pushed as a run's would
 * be. Without it a cron job refused every night would push nothing and look like no news.
 */
public final class MetricsAtStart {

    private static final Logger log = LoggerFactory.getLogger(MetricsAtStart.class);
    private static final String PUSHGATEWAY_SETTINGS = "management.prometheus.metrics.export";

    private MetricsAtStart() {
    }

    /** Only the settings: registered as a bean, scanned by nothing. */
    static final class SettingsOnly {
    }

    /**
     * @param prefix             the metrics' prefix of the command ({@code payout.run})
     * @param outcome            REFUSED or FAILED
     * @param defaultProperties  the defaults the program starts with (the group's command label)
     */
    public static void ended(String prefix, RunOutcome outcome, Map<String, Object> defaultProperties) {
        SpringApplication settingsOnly = new SpringApplication(SettingsOnly.class);
        settingsOnly.setWebApplicationType(WebApplicationType.NONE);
        settingsOnly.setBannerMode(Banner.Mode.OFF);
        settingsOnly.setLogStartupInfo(false);
        settingsOnly.setAddCommandLineProperties(false);
        settingsOnly.setRegisterShutdownHook(false);
        settingsOnly.setDefaultProperties(defaultProperties);
        try (ConfigurableApplicationContext settings = settingsOnly.run()) {
            PrometheusProperties prometheus = Binder.get(settings.getEnvironment())
                    .bindOrCreate(PUSHGATEWAY_SETTINGS, PrometheusProperties.class);
            PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
            MetricsPush push = new MetricsPush(registry.getPrometheusRegistry(), prometheus, settings.getEnvironment());
            new RunMetrics(new LatestGauges(registry), push).ended(prefix, outcome,
                    Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime()));
        } catch (RuntimeException unreadable) {
            // the settings that stopped the program may be the Pushgateway's own
            log.atWarn().setMessage("metrics not pushed: the settings could not be read: {}")
                    .addArgument(RunFailures.describe(unreadable)).log();
        }
    }
}

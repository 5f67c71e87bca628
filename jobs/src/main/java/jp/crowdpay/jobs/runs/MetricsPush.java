package jp.crowdpay.jobs.runs;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Pushes this process's metrics to the Prometheus Pushgateway when a run ends, with Spring
 * Boot's settings {@code management.prometheus.metrics.export.pushgateway.*} (address, job,
 * grouping key, credentials). Boot's own pusher works on a timer and at shutdown; a run that is
 * stopped by a signal or runs inside a longer-lived process would leave its figures unpushed, so
 * each run pushes explicitly. A push adds to the group (HTTP POST): a metric this run did not
 * set, such as the last success time after a failure, keeps the value pushed before. A push that
 * fails is logged and never changes the run's outcome.
 */
@Component
public class MetricsPush {

    private static final Logger log = LoggerFactory.getLogger(MetricsPush.class);

    private final Optional<PushGateway> gateway;

    public MetricsPush(ObjectProvider<PrometheusRegistry> registry, ObjectProvider<PrometheusProperties> properties,
                       Environment environment) {
        PrometheusProperties settings = properties.getIfAvailable();
        PrometheusRegistry prometheus = registry.getIfAvailable();
        this.gateway = settings == null || prometheus == null || !settings.getPushgateway().isEnabled()
                ? Optional.empty()
                : Optional.of(gateway(prometheus, settings.getPushgateway(), environment));
    }

    private static PushGateway gateway(PrometheusRegistry registry, PrometheusProperties.Pushgateway settings,
                                       Environment environment) {
        PushGateway.Builder builder = PushGateway.builder()
                .registry(registry)
                .address(settings.getAddress())
                .scheme(Scheme.valueOf(settings.getScheme().name()))
                .format(settings.getFormat() == PrometheusProperties.Pushgateway.Format.TEXT
                        ? Format.PROMETHEUS_TEXT : Format.PROMETHEUS_PROTOBUF)
                .job(StringUtils.hasText(settings.getJob()) ? settings.getJob()
                        : environment.getProperty("spring.application.name", "payout-jobs"));
        settings.getGroupingKey().forEach(builder::groupingKey);
        if (StringUtils.hasText(settings.getToken())) {
            builder.bearerToken(settings.getToken());
        } else if (StringUtils.hasText(settings.getUsername())) {
            builder.basicAuth(settings.getUsername(), settings.getPassword());
        }
        return builder.build();
    }

    /** Pushes every metric of the process, if the Pushgateway is enabled. */
    public void push() {
        gateway.ifPresent(pushGateway -> {
            try {
                pushGateway.pushAdd();
            } catch (IOException | RuntimeException unreachable) {
                log.atWarn().setMessage("metrics not pushed to the Pushgateway: {}")
                        .addArgument(unreachable.getMessage())
                        .addKeyValue("error", unreachable.getClass().getSimpleName()).log();
            }
        });
    }
}

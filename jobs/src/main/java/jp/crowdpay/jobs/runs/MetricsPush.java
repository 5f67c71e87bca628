package jp.crowdpay.jobs.runs;

import io.prometheus.metrics.exporter.pushgateway.Format;
import io.prometheus.metrics.exporter.pushgateway.PushGateway;
import io.prometheus.metrics.exporter.pushgateway.Scheme;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
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

    /** The label of the group that names the command: each command's metrics form a group of their own. */
    public static final String COMMAND_LABEL = "command";

    private final PrometheusProperties.Pushgateway settings;
    private final Environment environment;
    private final Optional<PushGateway> gateway;

    @Autowired
    public MetricsPush(ObjectProvider<PrometheusRegistry> registry, ObjectProvider<PrometheusProperties> properties,
                       Environment environment) {
        this(registry.getIfAvailable(), properties.getIfAvailable(), environment);
    }

    /** A push of {@code registry} with the given settings; none when either is missing or the push is not enabled. */
    MetricsPush(PrometheusRegistry registry, PrometheusProperties properties, Environment environment) {
        boolean enabled = registry != null && properties != null && properties.getPushgateway().isEnabled();
        this.settings = enabled ? properties.getPushgateway() : null;
        this.environment = environment;
        this.gateway = enabled ? Optional.of(gateway(registry, Map.of())) : Optional.empty();
    }

    /** @param groupingKey labels of the group that replace the configured ones */
    private PushGateway gateway(PrometheusRegistry registry, Map<String, String> groupingKey) {
        PushGateway.Builder builder = PushGateway.builder()
                .registry(registry)
                .address(settings.getAddress())
                .scheme(Scheme.valueOf(settings.getScheme().name()))
                .format(settings.getFormat() == PrometheusProperties.Pushgateway.Format.TEXT
                        ? Format.PROMETHEUS_TEXT : Format.PROMETHEUS_PROTOBUF)
                .job(StringUtils.hasText(settings.getJob()) ? settings.getJob()
                        : environment.getProperty("spring.application.name", "payout-jobs"));
        Map<String, String> labels = new TreeMap<>(settings.getGroupingKey());
        labels.putAll(groupingKey);
        labels.forEach(builder::groupingKey);
        if (StringUtils.hasText(settings.getToken())) {
            builder.bearerToken(settings.getToken());
        } else if (StringUtils.hasText(settings.getUsername())) {
            builder.basicAuth(settings.getUsername(), settings.getPassword());
        }
        return builder.build();
    }

    /** Pushes every metric of the process, if the Pushgateway is enabled. */
    public void push() {
        gateway.ifPresent(pushGateway -> send(pushGateway::pushAdd));
    }

    /**
     * Replaces the group {@code command=<group>} (the job and the other configured labels as for
     * every push) with the metrics of {@code registry} alone (HTTP PUT): for a measurement that
     * several commands take, whose latest value must win whichever command took it.
     */
    public void replaceGroup(String group, PrometheusRegistry registry) {
        if (settings != null) {
            send(gateway(registry, Map.of(COMMAND_LABEL, group))::push);
        }
    }

    private interface Push {
        void send() throws IOException;
    }

    private static void send(Push push) {
        try {
            push.send();
        } catch (IOException | RuntimeException unreachable) {
            log.atWarn().setMessage("metrics not pushed to the Pushgateway: {}")
                    .addArgument(unreachable.getMessage())
                    .addKeyValue("error", unreachable.getClass().getSimpleName()).log();
        }
    }
}

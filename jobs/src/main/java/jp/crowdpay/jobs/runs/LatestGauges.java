package jp.crowdpay.jobs.runs;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.stereotype.Component;

/**
 * Gauges that hold a figure of the latest run of this process (yen transferred, locks released).
 * A batch process runs once and ends, so a gauge, not a counter, is what the Pushgateway keeps
 * meaningfully between runs. Money is whole yen: a Prometheus sample is a double, which holds
 * every whole number up to 2^53 (about 9 × 10^15 yen) exactly.
 */
@Component
public class LatestGauges {

    private final MeterRegistry registry;
    private final Map<String, Latest> values = new ConcurrentHashMap<>();

    public LatestGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    /** @param tags label name, value, name, value ... */
    public void set(String name, String description, double value, String... tags) {
        Tags labels = Tags.of(tags);
        values.computeIfAbsent(name + labels, key -> register(name, description, labels)).value = value;
    }

    private Latest register(String name, String description, Tags labels) {
        Latest latest = new Latest();
        // a strong reference: nothing else holds the value between two runs of a long-lived process
        Gauge.builder(name, latest, held -> held.value).description(description).tags(labels)
                .strongReference(true).register(registry);
        return latest;
    }

    private static final class Latest {
        private volatile double value;
    }
}

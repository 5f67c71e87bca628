package jp.crowdpay.jobs.returns;

import jp.crowdpay.jobs.runs.RunMetrics;
import org.springframework.stereotype.Component;

/** The return imports' metrics ({@code returns_*}): what the latest import recorded. Money as whole yen. */
@Component
public class ReturnsMetrics {

    public static final String PREFIX = "returns";

    private final RunMetrics metrics;

    ReturnsMetrics(RunMetrics metrics) {
        this.metrics = metrics;
    }

    void imported(ImportSummary summary) {
        record(summary.returns().size(), summary.creditedYen());
    }

    /** A notice imported before: this import recorded nothing. */
    void nothingNew() {
        record(0, 0);
    }

    private void record(long returns, long creditedYen) {
        metrics.figure(PREFIX + ".imported", "Returned transfers the latest import recorded", returns);
        metrics.figure(PREFIX + ".credited.yen", "Yen the latest import credited back to workers", creditedYen);
    }
}

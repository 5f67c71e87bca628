package jp.crowdpay.jobs.notices;

import java.time.ZoneId;
import jp.crowdpay.jobs.runs.RunMetrics;
import org.springframework.stereotype.Component;

/**
 * The expiry notices' metrics ({@code expiry_notices_*}): what the latest run recorded and wrote,
 * by threshold, and the business date it wrote them for. Money as whole yen.
 */
@Component
public class ExpiryNoticesMetrics {

    public static final String PREFIX = "expiry.notices";

    private final RunMetrics metrics;

    ExpiryNoticesMetrics(RunMetrics metrics) {
        this.metrics = metrics;
    }

    void written(NoticeSummary summary, ZoneId zone) {
        summary.byThreshold().forEach((days, group) -> {
            metrics.figure(PREFIX + ".written", "Notices the latest run wrote, by threshold", group.notices(),
                    "threshold_days", days.toString());
            metrics.figure(PREFIX + ".yen.at.risk", "Yen at risk in the notices the latest run wrote, by threshold",
                    group.yen().doubleValue(), "threshold_days", days.toString());
        });
        metrics.figure(PREFIX + ".login.locked", "Notices of the latest run to workers locked out of their login",
                summary.loginLocked());
        metrics.figure(PREFIX + ".for.support", "Locked-out workers the latest run listed for support", summary.support().size());
        metrics.date(PREFIX + ".business.date.timestamp.seconds",
                "Start (00:00 in payout.zone, Unix time) of the business date whose notices the latest run wrote",
                summary.businessDate(), zone);
    }
}

package jp.crowdpay.jobs.payout;

import jp.crowdpay.jobs.runs.RunMetrics;
import org.springframework.stereotype.Component;

/**
 * The nightly payout's metrics ({@code payout_run_*}), fed from the run's summary: the figures of
 * the latest run of a date, then how the launch ended. Money as whole yen.
 */
@Component
class PayoutMetrics {

    static final String PREFIX = "payout.run";

    private final RunMetrics metrics;

    PayoutMetrics(RunMetrics metrics) {
        this.metrics = metrics;
    }

    void ran(PayoutSummary summary) {
        metrics.figure(PREFIX + ".workers", "Workers the latest run considered", summary.workersConsidered());
        metrics.figure(PREFIX + ".payouts", "Payouts of the latest run", summary.paid().payouts());
        metrics.figure(PREFIX + ".gross.yen", "Yen paid out before fees by the latest run",
                summary.paid().grossYen().doubleValue());
        metrics.figure(PREFIX + ".fee.yen", "Transfer fees deducted by the latest run, yen",
                summary.paid().feeYen().doubleValue());
        metrics.figure(PREFIX + ".transferred.yen", "Yen the latest run's bank file transfers",
                summary.paid().transferredYen().doubleValue());
        metrics.figure(PREFIX + ".expired.rewards", "Rewards the latest run expired", summary.expiredCount());
        metrics.figure(PREFIX + ".expired.yen", "Yen of the rewards the latest run expired",
                summary.expiredYen().doubleValue());
        for (PayoutOutcome reason : PayoutOutcome.values()) {
            if (reason != PayoutOutcome.PAID) {
                metrics.figure(PREFIX + ".carried.forward.workers", "Workers the latest run carried forward, by reason",
                        summary.carried(reason), "reason", reason.name());
            }
        }
    }
}

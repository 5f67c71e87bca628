package jp.crowdpay.jobs.payout;

import java.io.IOException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.BankFileProperties;
import jp.crowdpay.jobs.bankfile.calendar.BankCalendar;
import jp.crowdpay.jobs.bankfile.calendar.HolidayCalendarFile;
import jp.crowdpay.jobs.payout.rules.PayoutOutcome;
import jp.crowdpay.jobs.payout.run.PayoutState;
import jp.crowdpay.jobs.payout.run.PayoutSummary;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.runs.RunMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The nightly payout's metrics ({@code payout_run_*}), fed from the run's summary: the figures of
 * the latest run of a date; then, whatever the command did, what the ledger and the outbox hold
 * now ({@link PayoutState}). Money as whole yen.
 */
@Component
public class PayoutMetrics {

    public static final String PREFIX = "payout.run";

    private static final Logger log = LoggerFactory.getLogger(PayoutMetrics.class);
    private static final double UNKNOWN = -1;

    private final RunMetrics metrics;
    private final PayoutProperties settings;
    private final BankFileProperties bankFile;
    private final PayoutState state;

    PayoutMetrics(RunMetrics metrics, PayoutProperties settings, BankFileProperties bankFile, PayoutState state) {
        this.metrics = metrics;
        this.settings = settings;
        this.bankFile = bankFile;
        this.state = state;
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
        long followUp = Arrays.stream(PayoutOutcome.values()).filter(PayoutOutcome::needsFollowUp)
                .mapToLong(summary::carried).sum();
        metrics.figure(PREFIX + ".follow.up.workers",
                "Workers the latest run owed a payout and could not pay (every reason but below threshold and carry-over)",
                followUp);
        metrics.figure(PREFIX + ".due.workers", "Workers the latest run owed a payout: paid, or carried forward for follow-up",
                summary.paid().payouts() + followUp);
        metrics.figure(PREFIX + ".bank.business.day",
                "1 when the latest run's business date is a bank business day, 0 when not, -1 when the holiday file cannot tell",
                bankBusinessDay(summary.businessDate()));
        metrics.date(PREFIX + ".business.date.timestamp.seconds",
                "Start (00:00 in payout.zone, Unix time) of the business date of the latest run", summary.businessDate(),
                settings.zone());
    }

    /** 1 or 0; -1 when the holiday file is missing or does not cover the year (a CSV bank file needs none). */
    private double bankBusinessDay(LocalDate date) {
        try {
            return new BankCalendar(HolidayCalendarFile.load(bankFile.holidays())).isBankBusinessDay(date) ? 1 : 0;
        } catch (RuntimeException cannotTell) {
            log.atInfo().setMessage("whether {} is a bank business day is unknown: {}").addArgument(date)
                    .addArgument(cannotTell.getMessage()).log();
            return UNKNOWN;
        }
    }

    /** Whatever the command did: what the ledger and the outbox hold now. Never fails the command. */
    void stateNow() {
        Optional<PayoutState.Waiting> waiting;
        try {
            waiting = Optional.of(state.bankFiles());
        } catch (IOException | RuntimeException unreadable) {
            log.atWarn().setMessage("the bank files in the outbox could not be counted: {}")
                    .addArgument(unreadable.getMessage()).log();
            waiting = Optional.empty();
        }
        try {
            state.push(waiting);
        } catch (RuntimeException unreadable) {
            log.atWarn().setMessage("the latest completed night could not be read: {}").addArgument(unreadable.getMessage())
                    .log();
        }
    }
}

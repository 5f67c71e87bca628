package jp.crowdpay.jobs.runs;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The gauges every kind of run shares, named {@code <prefix>_...}: when it last succeeded and last
 * failed, whether the latest run failed, how long it took; and whether the latest run of the
 * command was refused, and when one last was ({@code payout_jobs_refused}, one family for all);
 * then the push, so that the Pushgateway holds them as soon as the run has ended. A failed run
 * leaves the last success time as it was: the alert on a night that did not complete reads it.
 */
@Component
public class RunMetrics {

    private static final Logger log = LoggerFactory.getLogger(RunMetrics.class);
    private static final String ERROR = "error:";
    private static final String REFUSALS = "payout.jobs";

    private final LatestGauges gauges;
    private final MetricsPush push;

    public RunMetrics(LatestGauges gauges, MetricsPush push) {
        this.gauges = gauges;
        this.push = push;
    }

    /** Sets a figure of the latest run, e.g. {@code payout.run.transferred.yen}. */
    public void figure(String name, String description, double value, String... tags) {
        gauges.set(name, description, value, tags);
    }

    /**
     * Sets a business date of the latest run as the Unix time of its start (00:00 in the business
     * zone), so that an alert can compare it with time() without knowing the zone.
     */
    public void date(String name, String description, LocalDate businessDate, ZoneId zone) {
        gauges.set(name, description, businessDate.atStartOfDay(zone).toEpochSecond());
    }

    /**
     * Runs a launch that reports on {@code err}, then logs each {@code error:} line it printed
     * (so that the log, not only cron's mail, says why a run failed), records how it ended and
     * pushes.
     */
    public RunOutcome observe(String prefix, String jobName, PrintWriter err, Function<PrintWriter, RunOutcome> launch) {
        long start = System.nanoTime();
        StringWriter printed = new StringWriter();
        PrintWriter both = new PrintWriter(new Both(err, printed), true);
        RunOutcome outcome = launch.apply(both);
        both.flush();
        printed.toString().lines().filter(line -> line.startsWith(ERROR)).forEach(line -> {
            Map<String, Object> fields = new LinkedHashMap<>();
            fields.put("job", jobName);
            fields.put("outcome", outcome.name());
            fields.put("reason", line.substring(ERROR.length()).trim());
            FieldLine.error(log, jobName + " error:", fields);
        });
        ended(prefix, outcome, Duration.ofNanos(System.nanoTime() - start));
        return outcome;
    }

    /**
     * Records how the run ended and pushes. BUSY records nothing: the run that holds the lease
     * reports for itself. A refusal (a bad option, setting or date: nothing was touched) is
     * counted apart from failures and leaves them as they were: a mistyped date must not read as
     * a failed night, nor hide one. A run whose chained follow-up failed did complete.
     */
    void ended(String prefix, RunOutcome outcome, Duration took) {
        if (outcome == RunOutcome.BUSY) {
            return;
        }
        double now = System.currentTimeMillis() / 1000.0;
        boolean refused = outcome == RunOutcome.REFUSED;
        // one family for every command (the group's command label tells them apart): one alert reads them all
        gauges.set(REFUSALS + ".refused", "1 when the latest run of the command was refused before it touched anything, else 0",
                refused ? 1 : 0);
        if (refused) {
            gauges.set(REFUSALS + ".last.refusal.timestamp.seconds", "When a run of the command was last refused (Unix time)",
                    now);
        } else {
            boolean failed = outcome == RunOutcome.FAILED;
            gauges.set(prefix + ".failed", "1 when the latest run that was not refused failed, else 0", failed ? 1 : 0);
            gauges.set(prefix + ".duration.seconds", "Length of the latest run", took.toMillis() / 1000.0);
            gauges.set(prefix + (failed ? ".last.failure.timestamp.seconds" : ".last.success.timestamp.seconds"),
                    failed ? "When a run last failed (Unix time)" : "When a run last completed (Unix time)", now);
        }
        push.push();
    }

    /** Writes to the run's standard error and keeps a copy. */
    private static final class Both extends Writer {

        private final PrintWriter err;
        private final StringWriter copy;

        Both(PrintWriter err, StringWriter copy) {
            this.err = err;
            this.copy = copy;
        }

        @Override
        public void write(char[] characters, int offset, int length) {
            err.write(characters, offset, length);
            copy.write(characters, offset, length);
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}

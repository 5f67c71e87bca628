package jp.crowdpay.jobs.payout.run;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.runs.MetricsPush;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * What the ledger and the outbox hold now, whichever command looks: the latest business date
 * whose payout completed, and the bank files still in the outbox (the bank takes, moves away,
 * each file the payout hands it, so a file that stays means the bank's uploader did not run or
 * failed). Measured after every payout and by every {@code status --check}; each measurement
 * replaces a Pushgateway group of its own ({@code command="state"}), so the latest one counts,
 * and an hourly check brings the figures back soon after a Pushgateway lost them.
 */
@Component
public class PayoutState {

    /** The Pushgateway group of the measurement. */
    static final String GROUP = "state";

    private final JdbcTemplate jdbc;
    private final Path outbox;
    private final ZoneId zone;
    private final PayoutLedger ledger;
    private final MetricsPush push;

    public PayoutState(JdbcTemplate jdbc, PayoutProperties settings, PayoutLedger ledger, MetricsPush push) {
        this.jdbc = jdbc;
        this.outbox = settings.outbox();
        this.zone = settings.zone();
        this.ledger = ledger;
        this.push = push;
    }

    /**
     * @param oldest the oldest of the files and when it was written, empty when there is none
     */
    public record Waiting(int files, Optional<BankFile> oldest) {
    }

    public record BankFile(String name, Instant written) {
    }

    /** The bank files the runs recorded that are still in the outbox; fails when the outbox cannot be read. */
    public Waiting bankFiles() throws IOException {
        List<String> recorded = jdbc.queryForList(
                "select bank_file from payout_run where bank_file is not null order by business_date", String.class);
        if (!recorded.isEmpty() && !Files.isDirectory(outbox)) {
            throw new NoSuchFileException(outbox.toString(), null, "payout.outbox, where the payout wrote its bank files");
        }
        int files = 0;
        Optional<BankFile> oldest = Optional.empty();
        for (String name : recorded) {
            Path file = outbox.resolve(name);
            if (Files.exists(file)) {
                files++;
                Instant written = Files.getLastModifiedTime(file).toInstant();
                if (oldest.isEmpty() || written.isBefore(oldest.get().written())) {
                    oldest = Optional.of(new BankFile(name, written));
                }
            }
        }
        return new Waiting(files, oldest);
    }

    /**
     * Replaces the state group with the latest completed business date (the Unix time of its
     * start in payout.zone) and, when the outbox could be read, its bank files; the oldest file's
     * time only while there is one.
     */
    public void push(Optional<Waiting> waiting) {
        PrometheusMeterRegistry measurement = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ledger.latestCompleted().ifPresent(date -> gauge(measurement, "payout.completed.business.date.timestamp.seconds",
                "Start (00:00 in payout.zone, Unix time) of the latest business date whose payout completed",
                date.atStartOfDay(zone).toEpochSecond()));
        waiting.ifPresent(files -> {
            gauge(measurement, "payout.outbox.bank.files", "Bank files the runs wrote that are still in the outbox",
                    files.files());
            files.oldest().ifPresent(file -> gauge(measurement, "payout.outbox.oldest.bank.file.timestamp.seconds",
                    "When the oldest bank file still in the outbox was written (Unix time)",
                    file.written().toEpochMilli() / 1000.0));
        });
        push.replaceGroup(GROUP, measurement.getPrometheusRegistry());
    }

    private static void gauge(MeterRegistry registry, String name, String description, double value) {
        Gauge.builder(name, () -> value).description(description).strongReference(true).register(registry);
    }
}

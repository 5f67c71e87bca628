package jp.crowdpay.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.Pushgateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

/**
 * Each run pushes its figures to a real Pushgateway when it ends; read back from the page
 * Prometheus scrapes. The context is closed after the class: it points at this class's gateway.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "management.prometheus.metrics.export.pushgateway.enabled=true",
        // Boot's timer would push again in the middle of the test: the runs' own pushes are under test
        "management.prometheus.metrics.export.pushgateway.push-rate=1h"})
class PushgatewayMetricsTest extends DatabaseTest {

    private static final String GROUP = "job=\"payout-jobs\"";
    private static final Instant AS_OF = Instant.parse("2026-11-25T03:00:00Z");

    private static Pushgateway gateway;

    @TempDir
    Path inbox;

    @BeforeAll
    static void startPushgateway() throws IOException {
        gateway = Pushgateway.start(Path.of("target", "pushgateway"));
    }

    @AfterAll
    static void stopPushgateway() throws InterruptedException {
        gateway.close();
    }

    @DynamicPropertySource
    static void pushgateway(DynamicPropertyRegistry registry) {
        registry.add("management.prometheus.metrics.export.pushgateway.address", () -> gateway.address());
    }

    @Test
    void aPayoutALockReleaseAndAReturnImportPushTheirFiguresWhenTheyEnd() throws Exception {
        // given: worker 1 due 123,556 yen at bank 0036 (fee 100), worker 2 below the threshold
        // after 2,000 yen expired, worker 3 without a bank account
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036").reward(1, 123_556, "2026-11-01");
        ledger.payableWorker(2, "0005").reward(2, 999, "2026-11-01");
        ledger.reward(2, 2_000, "2026-01-01");
        ledger.worker(3, "ON_DEMAND").reward(3, 5_000, "2026-11-01");
        // and one stale automatic lock, one staff lock
        jdbc.update("insert into login_account (id, failed_attempts, locked_at, lock_reason) values (1, 5, ?, 'FAILED_ATTEMPTS')",
                Timestamp.from(AS_OF.minusSeconds(3_600)));
        jdbc.update("insert into login_account (id, failed_attempts, locked_at, lock_reason) values (2, 0, ?, 'ADMIN')",
                Timestamp.from(AS_OF.minusSeconds(3_600)));
        double before = Instant.now().getEpochSecond();

        // when
        Captured payout = executeCapturing("payout", "--date", "2026-11-24");
        Captured locks = executeCapturing("release-locks", "--as-of", AS_OF.toString());
        Path notice = Files.writeString(inbox.resolve("returns.csv"),
                "payout-20261124.csv,0000000001,0036,101,0000001,123456,4,\r\n", Charset.forName("Windows-31J"));
        Captured returns = executeCapturing("import-returns", notice.toString(), "--date", "2026-11-25");

        // then
        assertThat(payout.exitCode()).as(payout.err()).isEqualTo(ExitCodes.OK);
        assertThat(locks.exitCode()).as(locks.err()).isEqualTo(ExitCodes.OK);
        assertThat(returns.exitCode()).as(returns.err()).isEqualTo(ExitCodes.OK);
        assertThat(Map.of(
                "payouts", value("payout_run_payouts"),
                "gross", value("payout_run_gross_yen"),
                "fee", value("payout_run_fee_yen"),
                "transferred", value("payout_run_transferred_yen"),
                "expired", value("payout_run_expired_yen"),
                "failed", value("payout_run_failed")))
                .isEqualTo(Map.of("payouts", 1.0, "gross", 123_556.0, "fee", 100.0, "transferred", 123_456.0,
                        "expired", 2_000.0, "failed", 0.0));
        assertThat(value("payout_run_carried_forward_workers", "reason=\"BELOW_THRESHOLD\"")).isEqualTo(1.0);
        assertThat(value("payout_run_carried_forward_workers", "reason=\"NO_BANK_ACCOUNT\"")).isEqualTo(1.0);
        assertThat(value("payout_run_carried_forward_workers", "reason=\"PAYOUT_HOLD\"")).isEqualTo(0.0);
        assertThat(value("payout_run_last_success_timestamp_seconds")).isBetween(before, before + 600);
        assertThat(value("payout_run_duration_seconds")).isPositive();
        assertThat(Map.of(
                "released", value("lock_release_released"),
                "kept", value("lock_release_kept"),
                "needsSupport", value("lock_release_needs_support"),
                "failed", value("lock_release_failed")))
                .isEqualTo(Map.of("released", 1.0, "kept", 1.0, "needsSupport", 0.0, "failed", 0.0));
        assertThat(value("lock_release_last_success_timestamp_seconds")).isBetween(before, before + 600);
        assertThat(Map.of("imported", value("returns_imported"), "credited", value("returns_credited_yen")))
                .isEqualTo(Map.of("imported", 1.0, "credited", 123_456.0));
        // Spring Batch's own observation of the jobs and their steps
        assertThat(gateway.metrics()).anyMatch(line -> line.startsWith("spring_batch_job_seconds_count{")
                && line.contains("nightlyPayoutJob"));
        assertThat(gateway.metrics()).anyMatch(line -> line.startsWith("spring_batch_step_seconds_count{")
                && line.contains("payWorkersStep"));
    }

    @Test
    void aRefusedRunIsAFailureAndLeavesTheLastSuccessAsItWas() throws Exception {
        // given a payout that completed
        executeCapturing("payout", "--date", "2026-11-20");
        double success = value("payout_run_last_success_timestamp_seconds");
        // when a payout for a date after today is refused
        Captured refused = executeCapturing("payout", "--date", "2999-01-01");
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(value("payout_run_failed")).isEqualTo(1.0);
        assertThat(value("payout_run_last_failure_timestamp_seconds")).isGreaterThanOrEqualTo(success);
        assertThat(value("payout_run_last_success_timestamp_seconds")).isEqualTo(success);
    }

    @Test
    void theProgramPushesEachCommandToAGroupOfItsOwn(@TempDir Path workingDirectory) throws Exception {
        // given
        jdbc.update("insert into login_account (id, failed_attempts, locked_at, lock_reason) values (7, 5, ?, 'FAILED_ATTEMPTS')",
                Timestamp.from(AS_OF.minusSeconds(3_600)));
        // when the program runs as cron runs it
        ChildProcess.Result run = ChildProcess.run(workingDirectory, Map.of(
                        "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ENABLED", "true",
                        "MANAGEMENT_PROMETHEUS_METRICS_EXPORT_PUSHGATEWAY_ADDRESS", gateway.address()),
                "release-locks", "--as-of", AS_OF.toString());
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(gateway.value("lock_release_released", GROUP, "command=\"release-locks\"")).contains(1.0);
    }

    /** The value in the group of this test's in-process runs: the program's own runs add a command label. */
    private static double value(String name, String... labels) throws IOException, InterruptedException {
        return gateway.value(name, line -> line.contains(GROUP) && !line.contains("command=")
                && Arrays.stream(labels).allMatch(line::contains)).orElseThrow(() -> new AssertionError(name + " not pushed"));
    }
}

package jp.crowdpay.jobs.monitoring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.Pushgateway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * Each run pushes its figures to a real Pushgateway when it ends; read back from the page
 * Prometheus scrapes. The context is closed after the class: it points at this class's gateway.
 */
@DirtiesContext
@TestPropertySource(properties = {
        "management.prometheus.metrics.export.pushgateway.enabled=true",
        // Boot's timer would push again in the middle of the test: the runs' own pushes are under test
        "management.prometheus.metrics.export.pushgateway.push-rate=1h",
        // as shipped: the payout writes its notices, and the holiday file tells bank business days
        "payout.notices.after-payout=true",
        "payout.bank-file.holidays=../config/holidays-jp.csv"})
@Tag(Tiers.PROCESS)
class PushgatewayMetricsTest extends DatabaseTest {

    private static final String GROUP = "job=\"payout-jobs\"";
    private static final String STATE_GROUP = "command=\"state\"";
    private static final Instant AS_OF = Instant.parse("2026-11-25T03:00:00Z");
    /** 2026-11-24 00:00 in Tokyo, as Unix time. */
    private static final double NOVEMBER_24 = Instant.parse("2026-11-23T15:00:00Z").getEpochSecond();

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
        // after 2,000 yen expired, worker 3 without a bank account, worker 4 on carry-over with
        // 3,000 yen reaching its deadline in 5 days (2026-11-29)
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036").reward(1, 123_556, "2026-11-01");
        ledger.payableWorker(2, "0005").reward(2, 999, "2026-11-01");
        ledger.reward(2, 2_000, "2026-01-01");
        ledger.worker(3, "ON_DEMAND").reward(3, 5_000, "2026-11-01");
        ledger.worker(4, "CARRY_OVER").reward(4, 3_000, "2026-06-02");
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
                "failed", value("payout_run_failed"),
                "refused", value("payout_jobs_refused")))
                .isEqualTo(Map.of("payouts", 1.0, "gross", 123_556.0, "fee", 100.0, "transferred", 123_456.0,
                        "expired", 2_000.0, "failed", 0.0, "refused", 0.0));
        assertThat(value("payout_run_carried_forward_workers", "reason=\"BELOW_THRESHOLD\"")).isEqualTo(1.0);
        assertThat(value("payout_run_carried_forward_workers", "reason=\"NO_BANK_ACCOUNT\"")).isEqualTo(1.0);
        assertThat(value("payout_run_carried_forward_workers", "reason=\"PAYOUT_HOLD\"")).isEqualTo(0.0);
        // workers 1 and 3 were owed a payout, worker 3 could not be paid; 2026-11-24 is a Tuesday, no holiday
        assertThat(Map.of("followUp", value("payout_run_follow_up_workers"), "due", value("payout_run_due_workers"),
                "bankBusinessDay", value("payout_run_bank_business_day")))
                .isEqualTo(Map.of("followUp", 1.0, "due", 2.0, "bankBusinessDay", 1.0));
        assertThat(value("payout_run_business_date_timestamp_seconds")).isEqualTo(NOVEMBER_24);
        assertThat(gateway.value("payout_completed_business_date_timestamp_seconds", STATE_GROUP)).contains(NOVEMBER_24);
        assertThat(value("payout_run_last_success_timestamp_seconds")).isBetween(before, before + 600);
        assertThat(value("payout_run_duration_seconds")).isPositive();
        // the notices written right after the night: worker 4's 7-day notice
        assertThat(Map.of(
                "written30", value("expiry_notices_written", "threshold_days=\"30\""),
                "written7", value("expiry_notices_written", "threshold_days=\"7\""),
                "yen7", value("expiry_notices_yen_at_risk", "threshold_days=\"7\""),
                "date", value("expiry_notices_business_date_timestamp_seconds"),
                "failed", value("expiry_notices_failed")))
                .isEqualTo(Map.of("written30", 0.0, "written7", 1.0, "yen7", 3_000.0, "date", NOVEMBER_24, "failed", 0.0));
        assertThat(value("expiry_notices_last_success_timestamp_seconds")).isBetween(before, before + 600);
        // the night's bank file waits in the outbox for the bank: the state group, of its own
        assertThat(gateway.value("payout_outbox_bank_files", STATE_GROUP)).contains(1.0);
        assertThat(gateway.value("payout_outbox_oldest_bank_file_timestamp_seconds", STATE_GROUP).orElseThrow())
                .isBetween(before - 1, before + 600);
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
        // but not of every item: that costs the paying step more than it tells
        assertThat(gateway.metrics()).noneMatch(line -> line.startsWith("spring_batch_item_"));
    }

    @Test
    void aNightOnABankHolidaySaysSo() throws Exception {
        // when: 2026-11-23 is 勤労感謝の日, a Monday
        Captured payout = executeCapturing("payout", "--date", "2026-11-23");
        // then
        assertThat(payout.exitCode()).as(payout.err()).isEqualTo(ExitCodes.OK);
        assertThat(value("payout_run_bank_business_day")).isZero();
        assertThat(value("payout_run_payouts")).isZero();
    }

    @Test
    void aRefusedDateIsARefusalNotAFailedNightAndLeavesTheLastSuccessAsItWas() throws Exception {
        // given a payout that completed
        executeCapturing("payout", "--date", "2026-11-20");
        double success = value("payout_run_last_success_timestamp_seconds");
        // when a payout for a date after today is refused
        Captured refused = executeCapturing("payout", "--date", "2999-01-01");
        // then
        assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(value("payout_jobs_refused")).isEqualTo(1.0);
        assertThat(value("payout_run_failed")).isZero();
        assertThat(value("payout_jobs_last_refusal_timestamp_seconds")).isGreaterThanOrEqualTo(success);
        assertThat(value("payout_run_last_success_timestamp_seconds")).isEqualTo(success);
        // and the next run that is not refused clears it
        executeCapturing("payout", "--date", "2026-11-20");
        assertThat(value("payout_jobs_refused")).isZero();
    }

    @Test
    void theBankTakingTheFileIsSeenByTheNextCheck() throws Exception {
        // given the night's file in the outbox
        executeCapturing("payout", "--date", "2026-11-20");
        assertThat(gateway.value("payout_outbox_bank_files", STATE_GROUP)).contains(1.0);
        // when the bank takes it, and the check looks
        Files.delete(Path.of(OUTBOX, "payout-20261120.csv"));
        executeCapturing("status", "--check");
        // then
        assertThat(gateway.value("payout_outbox_bank_files", STATE_GROUP)).contains(0.0);
        assertThat(gateway.value("payout_outbox_oldest_bank_file_timestamp_seconds", STATE_GROUP)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a mistyped option | --dat 2026-11-20 | ''",
            "a bad setting     | --date 2026-11-20 | payout.deadline-days=0"})
    void aRefusalAtStartIsPushedAsARefusalOfItsCommand(String what, String options, String setting,
                                                        @TempDir Path workingDirectory) throws Exception {
        // given
        Map<String, String> settings = new java.util.HashMap<>(Map.of(
                "management.prometheus.metrics.export.pushgateway.enabled", "true",
                "management.prometheus.metrics.export.pushgateway.address", gateway.address(),
                "management.prometheus.metrics.export.pushgateway.grouping-key.instance", what.replace(' ', '-')));
        if (!setting.isEmpty()) {
            settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        List<String> args = new java.util.ArrayList<>(List.of("payout"));
        args.addAll(List.of(options.split(" ")));
        // when
        ChildProcess.Result run = InProcess.run(workingDirectory, settings, args.toArray(String[]::new));
        // then
        String group = "instance=\"" + what.replace(' ', '-') + "\"";
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(gateway.value("payout_jobs_refused", group, "command=\"payout\"")).contains(1.0);
        assertThat(gateway.value("payout_jobs_last_refusal_timestamp_seconds", group)).isPresent();
        assertThat(gateway.value("payout_run_failed", group)).isEmpty();
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

    @Test
    void aPushgatewayRunWithItsPersistenceFileKeepsTheFiguresAcrossARestart(@TempDir Path workingDirectory)
            throws Exception {
        // given: a Pushgateway run as docs/metrics.md says, and a sweep that pushed to it
        jdbc.update("insert into login_account (id, failed_attempts, locked_at, lock_reason) values (7, 5, ?, 'FAILED_ATTEMPTS')",
                Timestamp.from(AS_OF.minusSeconds(3_600)));
        Path persistence = workingDirectory.resolve("pushgateway.data");
        Pushgateway persisted = Pushgateway.start(workingDirectory, persistence.toString());
        ChildProcess.Result run;
        try {
            run = InProcess.run(workingDirectory.resolve("run"), Map.of(
                            "management.prometheus.metrics.export.pushgateway.enabled", "true",
                            "management.prometheus.metrics.export.pushgateway.address", persisted.address()),
                    "release-locks", "--as-of", AS_OF.toString());
        } finally {
            persisted.close();
        }
        // when it restarts
        Pushgateway restarted = Pushgateway.start(workingDirectory, persistence.toString());
        try {
            // then
            assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
            assertThat(restarted.value("lock_release_released", GROUP, "command=\"release-locks\"")).contains(1.0);
        } finally {
            restarted.close();
        }
    }

    /** The value in the group of this test's in-process runs: the program's own runs add a command label. */
    private static double value(String name, String... labels) throws IOException, InterruptedException {
        return gateway.value(name, line -> line.contains(GROUP) && !line.contains("command=")
                && Arrays.stream(labels).allMatch(line::contains)).orElseThrow(() -> new AssertionError(name + " not pushed"));
    }
}

package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.InProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import jp.crowdpay.jobs.support.Tiers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/**
 * The payout command line: its exit code and its messages, in-process; and, in a process of its
 * own as cron runs it, everything the process prints, logs included, without a bank detail.
 */
@Tag(Tiers.PROCESS)
class PayoutCommandLineTest extends DatabaseTest {

    @TempDir
    Path workingDirectory;

    private LedgerFixture ledger;

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0001");
        ledger.reward(1, 5_000, "2026-11-20");
    }

    @Test
    void paysAndExitsZeroThenSaysAlreadyCompletedAndExitsZeroAgain() throws Exception {
        // when
        ChildProcess.Result first = InProcess.run(workingDirectory, Map.of(), "payout", "--date", "2026-11-25");
        ChildProcess.Result second = InProcess.run(workingDirectory, Map.of(), "payout", "--date", "2026-11-25");
        // then
        assertThat(first.exitCode()).as(first.err()).isEqualTo(ExitCodes.OK);
        assertThat(first.out()).contains("payouts              1  gross 5,000 yen");
        assertThat(Files.exists(workingDirectory.resolve("outbox/payout-20261125.csv"))).isTrue();
        assertThat(second.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(second.out()).contains("already completed");
        assertThat(jdbc.queryForObject("select count(*) from payout", Long.class)).isEqualTo(1);
    }

    @Test
    void refusesADateThatIsNotADateNamingTheOptionAndTouchingNothing() throws Exception {
        // given
        String before = ledger.snapshot();
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory, Map.of(), "payout", "--date", "2026-02-30");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("--date").contains("2026-02-30");
        assertThat(ledger.snapshot()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from batch_job_execution", Long.class)).isZero();
    }

    @Test
    void refusesAnUnknownOption() throws Exception {
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory, Map.of(), "payout", "--dte", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("Unknown options: '--dte'");
    }

    @Test
    void refusesAnOutOfRangeSettingNamingItAndTouchingNothing() throws Exception {
        assertRefusedTouchingNothing("payout.deadline-days", "0", "payout.deadline-days = 0: must be greater than or equal to 1");
    }

    @Test
    void refusesAnUnknownPlaceToMarkThePaidRewardsNamingTheSettingAndTouchingNothing() throws Exception {
        assertRefusedTouchingNothing("payout.mark-paid", "sideways",
                "error: invalid setting: payout.mark-paid: 'sideways' is not one of auto, in-chunks, by-ranges");
    }

    /** Boundary: 0s, just below the shortest, 1ms. */
    @Test
    void refusesALockTimeoutOfZeroWhichPostgresqlWouldTakeAsWaitingForeverNamingTheSettingAndTouchingNothing() throws Exception {
        assertRefusedTouchingNothing("payout.platform-lock-timeout", "0s",
                "error: invalid setting: payout.platform-lock-timeout: must be from 1ms to 10m, not 0s");
    }

    /** The payout run with one setting: exit 2, the message on standard error, the ledger as it was. */
    private void assertRefusedTouchingNothing(String setting, String value, String message) throws Exception {
        // given
        String before = ledger.snapshot();
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory, Map.of(setting, value), "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains(message);
        assertThat(ledger.snapshot()).isEqualTo(before);
        assertThat(jdbc.queryForObject("select count(*) from batch_job_execution", Long.class)).isZero();
    }

    @Test
    void refusesAnOnDemandThresholdNotAboveEveryFeeNamingTheThresholdSetting() throws Exception {
        // when: a fee equal to the threshold would transfer nothing
        ChildProcess.Result result = InProcess.run(workingDirectory, Map.of("payout.fees.by-bank.0005", "1000"),
                "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("error: invalid setting: payout.thresholds.on-demand: 1000 yen is not above"
                + " the highest transfer fee, 1000 yen (payout.fees.by-bank.0005)");
        assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
    }

    @Test
    void refusesAFiftyThousandThresholdNotAboveEveryFeeNamingTheThresholdSetting() throws Exception {
        // when
        ChildProcess.Result result = InProcess.run(workingDirectory,
                Map.of("payout.fees.default", "500", "payout.thresholds.min-50000", "500"), "payout", "--date", "2026-11-25");
        // then
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("error: invalid setting: payout.thresholds.min-50000: 500 yen is not above"
                + " the highest transfer fee, 500 yen (payout.fees.default)");
        assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
    }

    @Test
    void failsWithoutPrintingAccountNumbersOrPayeeNames() throws Exception {
        // given: a constraint that refuses the payout row; PostgreSQL's error detail quotes the whole row
        ledger.worker(2, "ON_DEMAND").account(2, "0005", "001", 1, "7654321", "ｽｽﾞｷ ﾊﾅｺ");
        ledger.reward(2, 9_000, "2026-11-20");
        jdbc.execute("alter table payout add constraint refuse_worker_2 check (account_number <> '7654321')");
        try {
            // when
            ChildProcess.Result result = ChildProcess.run(workingDirectory, Map.of(), "payout", "--date", "2026-11-25");
            // then
            assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
            assertThat(result.err()).contains("refuse_worker_2").contains("run the same command again");
            assertThat(result.out() + result.err()).doesNotContain("7654321").doesNotContain("ｽｽﾞｷ").doesNotContain("ﾃｽﾄ");
            assertThat(jdbc.queryForList("select exit_message from batch_job_execution", String.class).toString())
                    .doesNotContain("7654321").doesNotContain("ｽｽﾞｷ");
        } finally {
            jdbc.execute("alter table payout drop constraint refuse_worker_2");
        }
    }
}

package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.stream.Stream;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildPayoutScenario;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/** What the payout command refuses with exit code 2, touching nothing: no ledger row, no execution, no file. */
@Tag(Tiers.PROCESS)
class PayoutRefusalTest extends ChildPayoutScenario {

    @Test
    void aDateBeforeTheLatestCompletedPayoutIsRefusedWithExitTwoAndNothingTouched() throws Exception {
        // given: the payout of a later date completed
        seedLedger();
        jdbc.update("""
                insert into payout_run (business_date, reward_watermark, unpaid_before_count, unpaid_before_yen,
                                        unpaid_after_count, unpaid_after_yen, completed_at)
                values (date '2026-11-10', 0, 0, 0, 0, 0, now())""");
        String before = new LedgerFixture(jdbc).snapshot();
        // when
        ChildProcess.Result result = runPayout(work);
        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("the payout of 2026-11-10 already completed, so " + DATE + " lies in the past")
                .contains("nothing was touched");
        assertNothingTouched(before);
    }

    static Stream<Arguments> badCommandLines() {
        String future = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(2).toString();
        return Stream.of(
                Arguments.of("an unknown option", new String[] {"payout", "--dat", DATE}, "Unknown option"),
                Arguments.of("a date that does not exist", new String[] {"payout", "--date", "2026-11-31"}, "2026-11-31"),
                Arguments.of("a date in the future", new String[] {"payout", "--date", future}, future + " is after today"),
                Arguments.of("a date before the ledger's first reward", new String[] {"payout", "--date", "0001-01-01"},
                        "0001-01-01 is before the first reward in the ledger"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void aBadCommandLineIsRefusedWithExitTwoAndNothingTouched(String what, String[] args, String explanation) throws Exception {
        // given
        seedLedger();
        String before = new LedgerFixture(jdbc).snapshot();
        // when
        ChildProcess.Result result = ChildProcess.run(work, ENV, args);
        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).startsWith("error: ").contains(explanation);
        assertNothingTouched(before);
        assertThat(count("select count(*) from payout_run")).isZero();
    }

    private void assertNothingTouched(String ledgerBefore) throws Exception {
        assertThat(new LedgerFixture(jdbc).snapshot()).isEqualTo(ledgerBefore);
        assertThat(count("select count(*) from batch_job_instance")).isZero();
        assertThat(count("select count(*) from batch_job_execution")).isZero();
        assertThat(outbox(work)).isEmpty();
    }
}

package jp.crowdpay.jobs.close;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CloseProofTest {

    private static final LocalDate LAST_NIGHT = LocalDate.parse("2026-11-30");

    /** Opening 10,000 in 4; 5,000 confirmed in 2; paid 6,000 gross in 2 (fee 200); 1,000 expired in 1: closing 8,000 in 3. */
    private static RollForward november() {
        Day day = new Day(LocalDate.parse("2026-11-10"), 7L, Tally.of(2, 5_000), Tally.ZERO, BigInteger.ZERO,
                new Day.Paid(1, 2, BigInteger.valueOf(6_000), BigInteger.valueOf(200), BigInteger.valueOf(5_800)),
                Tally.of(1, 1_000));
        return new RollForward(YearMonth.parse("2026-11"), Tally.of(4, 10_000), Tally.ZERO, Tally.ZERO, BigInteger.ZERO,
                List.of(day));
    }

    private static CloseProof.NightCheck agreeingNight() {
        return new CloseProof.NightCheck(LocalDate.parse("2026-11-10"), Tally.of(2, 6_000), Tally.of(2, 6_000),
                Tally.of(1, 1_000), Tally.of(1, 1_000));
    }

    @Test
    void theRollForwardAddsUpToTheClosing() {
        // when / then
        assertThat(november().closing()).isEqualTo(Tally.of(3, 8_000));
    }

    @Test
    void aClosingThatAgreesWithTheLedgerEverywhereIsProved() {
        // given: the night left 7,000 in 2 unpaid, 1,000 in 1 arrived after it opened
        CloseProof proof = new CloseProof(november(), Optional.of(Tally.of(4, 10_000)), Tally.of(4, 10_000), LAST_NIGHT,
                Tally.of(2, 7_000), Tally.of(1, 1_000), Tally.of(3, 8_000), List.of(agreeingNight()));
        // when / then
        assertThat(proof.violations()).isEmpty();
    }

    @Test
    void eachDisagreementIsNamedWithItsDifference() {
        // given: the night recorded 567 yen more unpaid; the rewards owed are one reward of 300 fewer; the history
        // has a reward of 50 the previous close did not; the night's payouts cover a reward the rewards do not show
        CloseProof proof = new CloseProof(november(), Optional.of(Tally.of(4, 10_000)), Tally.of(5, 10_050), LAST_NIGHT,
                Tally.of(2, 7_567), Tally.of(1, 1_000), Tally.of(2, 7_700),
                List.of(new CloseProof.NightCheck(LocalDate.parse("2026-11-10"), Tally.of(2, 6_000), Tally.of(1, 4_000),
                        Tally.of(1, 1_000), Tally.of(1, 1_000))));
        // when / then
        assertThat(proof.violations()).containsExactly(
                "the opening from the ledger's history, 10,050 yen in 5 rewards, differs from the closing of 2026-10,"
                        + " 10,000 yen in 4 rewards: a difference of +50 yen and +1 reward",
                "the closing of 2026-11, 8,000 yen in 3 rewards, differs from the ledger's unpaid total at the end of the night"
                        + " of 2026-11-30, 8,567 yen in 3 rewards (7,567 yen in 2 rewards the night left unpaid + 1,000 yen in 1"
                        + " reward confirmed on or before 2026-11-30 after it opened): a difference of -567 yen and +0 rewards",
                "the closing of 2026-11, 8,000 yen in 3 rewards, differs from the rewards the ledger shows owed at the month's"
                        + " end, 7,700 yen in 2 rewards: a difference of +300 yen and +1 reward",
                "the payouts of the night of 2026-11-10 cover 6,000 yen in 2 rewards but the rewards marked paid by them are"
                        + " 4,000 yen in 1 reward: a difference of +2,000 yen and +1 reward");
    }
}

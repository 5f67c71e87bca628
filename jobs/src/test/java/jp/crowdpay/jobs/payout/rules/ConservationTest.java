package jp.crowdpay.jobs.payout.rules;

import static jp.crowdpay.jobs.payout.rules.Conservation.Tally.of;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import jp.crowdpay.jobs.payout.rules.Conservation.Tally;
import org.junit.jupiter.api.Test;

class ConservationTest {

    @Test
    void holdsWhenEveryUnpaidYenIsPaidExpiredOrStillUnpaid() {
        // given: 10 rewards / 100,000 yen = 6 / 60,000 paid + 1 / 10,000 expired + 3 / 30,000 left; 5 workers
        Conservation books = new Conservation(of(10, 100_000), of(6, 60_000), of(1, 10_000), of(3, 30_000),
                of(4, 58_000), of(4, 58_000), 5L, 5);
        // then
        assertThat(books.violations()).isEmpty();
    }

    @Test
    void failsOnASingleLostYen() {
        // given
        Conservation books = new Conservation(of(10, 100_000), of(6, 60_000), of(1, 10_000), of(3, 29_999),
                of(4, 58_000), of(4, 58_000), 5L, 5);
        // then
        assertThatThrownBy(books::verify)
                .hasMessageContaining("unpaid before 100000 yen != paid 60000 + expired 10000 + unpaid after 29999 yen");
    }

    @Test
    void failsWhenARewardIsCountedTwice() {
        // given: yen balance, but one reward both paid and still unpaid
        Conservation books = new Conservation(of(10, 100_000), of(7, 60_000), of(1, 10_000), of(3, 30_000),
                of(4, 58_000), of(4, 58_000), 5L, 5);
        // then
        assertThat(books.violations()).containsExactly("unpaid before 10 rewards != paid 7 + expired 1 + unpaid after 3 rewards");
    }

    @Test
    void failsWhenTheBankFileDoesNotCarryTheAmountsTransferred() {
        // given
        Conservation books = new Conservation(of(10, 100_000), of(6, 60_000), of(1, 10_000), of(3, 30_000),
                of(4, 58_000), of(4, 57_500), 5L, 5);
        // then
        assertThat(books.violations()).containsExactly(
                "bank file holds 4 records / 57500 yen but the run transferred 4 payouts / 58000 yen");
    }

    @Test
    void failsWhenAWorkerInScopeGotNoOutcome() {
        // given
        Conservation books = new Conservation(of(10, 100_000), of(6, 60_000), of(1, 10_000), of(3, 30_000),
                of(4, 58_000), of(4, 58_000), 5L, 4);
        // then
        assertThat(books.violations()).containsExactly("workers in scope 5 != workers given an outcome 4");
    }

    @Test
    void holdsForTotalsPastTheRangeOfALong() {
        // given: two payouts of 9e18 yen each, 1.8e19 yen in all
        BigInteger each = BigInteger.valueOf(9_000_000_000_000_000_000L);
        Tally two = new Tally(2, each.add(each));
        Conservation books = new Conservation(two, two, of(0, 0), of(0, 0), two, two, 2L, 2);
        // then
        assertThat(books.violations()).isEmpty();
    }
}

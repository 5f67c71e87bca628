package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConservationTest {

    @Test
    void holdsWhenEveryUnpaidYenIsPaidExpiredOrStillUnpaid() {
        // given: 10 rewards / 100,000 yen = 6 / 60,000 paid + 1 / 10,000 expired + 3 / 30,000 left
        Conservation books = new Conservation(10, 100_000, 6, 60_000, 1, 10_000, 3, 30_000, 4, 58_000, 4, 58_000);
        // then
        assertThat(books.violations()).isEmpty();
    }

    @Test
    void failsOnASingleLostYen() {
        // given
        Conservation books = new Conservation(10, 100_000, 6, 60_000, 1, 10_000, 3, 29_999, 4, 58_000, 4, 58_000);
        // then
        assertThatThrownBy(books::verify)
                .hasMessageContaining("unpaid before 100000 yen != paid 60000 + expired 10000 + unpaid after 29999 yen");
    }

    @Test
    void failsWhenARewardIsCountedTwice() {
        // given: yen balance, but one reward both paid and still unpaid
        Conservation books = new Conservation(10, 100_000, 7, 60_000, 1, 10_000, 3, 30_000, 4, 58_000, 4, 58_000);
        // then
        assertThat(books.violations()).containsExactly("unpaid before 10 rewards != paid 7 + expired 1 + unpaid after 3 rewards");
    }

    @Test
    void failsWhenTheBankFileDoesNotCarryTheAmountsTransferred() {
        // given
        Conservation books = new Conservation(10, 100_000, 6, 60_000, 1, 10_000, 3, 30_000, 4, 58_000, 4, 57_500);
        // then
        assertThat(books.violations()).containsExactly(
                "bank file holds 4 records / 57500 yen but the run transferred 4 payouts / 58000 yen");
    }
}

package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.test.context.TestPropertySource;

@TestPropertySource(properties = "payout.returns.refund-fee=true")
class RefundFeeReturnTest extends DatabaseTest {

    @TempDir
    Path inbox;

    @Test
    void withRefundFeeTheCreditIsTheGrossAndTheNextPayoutDeductsTheFeeOnce() throws Exception {
        // given: paid 5,000 - 100 = 4,900 yen, which came back
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.reward(1, 5_000, "2026-11-01");
        execute(System.out, System.err, "payout", "--date", "2026-11-24");
        Path notice = ReturnsFixture.notice(inbox.resolve("n.csv"), "payout-20261124.csv,0000000001,0036,101,0000001,4900,4,");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // when
        int exit = execute(new PrintStream(out, true), System.err, "import-returns", notice.toString(), "--date", "2026-11-25");
        jdbc.update("update bank_account set account_number = '1111111' where worker_id = 1");
        execute(System.out, System.err, "payout", "--date", "2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("select amount_yen from reward where return_id is not null", Long.class)).isEqualTo(5_000);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("  yen credited         5,000  (the gross; payout.returns.refund-fee: true)")
                .contains("  conservation         credited 5,000 yen = the gross of the 1 returned payouts 5,000 yen");
        assertThat(ledger.payouts("2026-11-25")).containsExactly(
                Map.of("worker_id", 1L, "reward_count", 1, "gross_yen", 5_000L, "fee_yen", 100L, "amount_yen", 4_900L));
    }
}

package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.ChildProcess;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.Tag;
import jp.crowdpay.jobs.support.Tiers;

/**
 * The example layouts shipped in config/return-layouts, each importing a notice in its shape end
 * to end: the program in a process of its own, configured by the layout's name only, as the
 * operator runs it. Neither notice carries our file name.
 */
@Tag(Tiers.PROCESS)
class ExampleLayoutsTest extends DatabaseTest {

    private static final Path SHIPPED = Path.of("..", "config", "return-layouts").toAbsolutePath().normalize();

    @TempDir
    Path work;

    /**
     * Worker 8 (bank 0001, fee 500, 当座) was paid 4,500 yen on 2026-11-20 and 10,300 on 2026-11-24;
     * workers 3 (0036, fee 100, 普通, name stored full-width) and 15 (0036, 貯蓄) 131,462 and 1,400
     * yen on 2026-11-24. The bank transferred the file of the 24th on the 25th.
     */
    @BeforeEach
    void twoNightsPaid() {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.worker(3, "ON_DEMAND").account(3, "0036", "251", 1, "0000003", "モリ　ヒロト");
        ledger.worker(8, "ON_DEMAND").account(8, "0001", "101", 2, "0000008", "ﾃｽﾄ ﾊﾅｺ");
        ledger.worker(15, "ON_DEMAND").account(15, "0036", "251", 4, "0000015", "ﾃｽﾄ ｼﾞﾛｳ");
        ledger.reward(8, 5_000, "2026-11-10");
        assertThat(executeCapturing("payout", "--date", "2026-11-20").exitCode()).isEqualTo(ExitCodes.OK);
        ledger.reward(3, 131_562, "2026-11-21");
        ledger.reward(8, 10_800, "2026-11-21");
        ledger.reward(15, 1_500, "2026-11-21");
        assertThat(executeCapturing("payout", "--date", "2026-11-24").exitCode()).isEqualTo(ExitCodes.OK);
    }

    private ChildProcess.Result importWith(String layout, Path notice) throws Exception {
        return ChildProcess.run(work, Map.of("PAYOUT_RETURNS_LAYOUT", layout, "PAYOUT_RETURNS_LAYOUTS", SHIPPED.toString()),
                "import-returns", notice.toString(), "--date", "2026-11-26");
    }

    /** The returns recorded: the payout's run and worker, the notice's line, the reason and the credit. */
    private List<String> returns() {
        return jdbc.queryForList("""
                select r.business_date || ' worker ' || p.worker_id || ' line ' || x.line_number || ' reason '
                       || x.reason_code || ' credit ' || c.amount_yen || ' on ' || c.confirmed_on
                from payout_return x
                join payout p on p.id = x.payout_id
                join payout_run r on r.id = p.run_id
                join reward c on c.return_id = x.id
                order by p.worker_id""", String.class);
    }

    @Test
    void aPortalExportWithTransferDatesAccountTypeWordsSeparatorsAndATotalRowImportsEndToEnd() throws Exception {
        // given: the portal's export as it downloads, CP932 with CRLF
        Path notice = Files.write(work.resolve("振込不能明細_20261126.csv"), ("振込指定日,顧客コード,銀行コード,銀行名,支店コード,"
                + "支店名,預金種目,口座番号,受取人名,振込金額,理由コード,不能事由\r\n"
                + "2026/11/25,0000000003,0036,ﾗｸﾃﾝ,251,ﾀﾞｲﾆｴｲｷﾞﾖｳ,普通,0000003,ﾓﾘ ﾋﾛﾄ,\"131,462\",01,該当口座なし\r\n"
                + "2026/11/25,0000000008,0001,ﾐｽﾞﾎ,101,ﾎﾝﾃﾝ,当座,0000008,ﾃｽﾄ ﾊﾅｺ,\"10,300\",02,受取人名相違\r\n"
                + "2026/11/25,0000000015,0036,ﾗｸﾃﾝ,251,ﾀﾞｲﾆｴｲｷﾞﾖｳ,貯蓄,0000015,ﾃｽﾄ ｼﾞﾛｳ,\"1,400\",99,\r\n"
                + "合計,3件,\"143,162\"\r\n").getBytes(ReturnsFixture.WINDOWS_31J));
        // when
        ChildProcess.Result result = importWith("portal-totals-example", notice);
        // then: worker 8's return is the payout of the 24th, the one of 10,300 yen
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(returns()).containsExactly(
                "2026-11-24 worker 3 line 2 reason 1 credit 131462 on 2026-11-26",
                "2026-11-24 worker 8 line 3 reason 2 credit 10300 on 2026-11-26",
                "2026-11-24 worker 15 line 4 reason 9 credit 1400 on 2026-11-26");
        assertThat(result.out()).contains("  returns recorded     3  transferred 143,162 yen  fees 700 yen")
                .contains("  conservation         credited 143,162 yen = the amounts transferred of the 3 returned payouts"
                        + " 143,162 yen");
        assertThat(jdbc.queryForObject("select layout from return_notice", String.class)).isEqualTo("portal-totals-example");
    }

    @Test
    void aBankApisJsonArrayImportsEndToEnd() throws Exception {
        // given: what the API returned, saved as UTF-8
        Path notice = Files.writeString(work.resolve("returned-transfers-20261126.json"), """
                {"returnedTransfers": [
                  {"transferDate": "2026-11-25", "customerCode": "0000000003", "amount": 131462,
                   "beneficiary": {"bankCode": "0036", "branchCode": "251", "accountTypeCode": "1",
                                   "accountNumber": "0000003", "name": "ﾓﾘ ﾋﾛﾄ"},
                   "returnReasonCode": "01", "returnReason": "該当口座なし", "requestId": "R-1"},
                  {"transferDate": "2026-11-25", "customerCode": "0000000008", "amount": 10300,
                   "beneficiary": {"bankCode": "0001", "branchCode": "101", "accountTypeCode": "2",
                                   "accountNumber": "0000008", "name": "ﾃｽﾄ ﾊﾅｺ"},
                   "returnReasonCode": "02", "returnReason": null, "requestId": "R-2"}
                ], "count": 2}
                """, StandardCharsets.UTF_8);
        // when
        ChildProcess.Result result = importWith("bank-api-example", notice);
        // then
        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(returns()).containsExactly(
                "2026-11-24 worker 3 line 1 reason 1 credit 131462 on 2026-11-26",
                "2026-11-24 worker 8 line 2 reason 2 credit 10300 on 2026-11-26");
        assertThat(result.out()).contains("  returns recorded     2  transferred 141,762 yen  fees 600 yen");
        assertThat(jdbc.queryForList("select reason_text from payout_return order by line_number", String.class))
                .containsExactly("該当口座なし", "");
    }
}

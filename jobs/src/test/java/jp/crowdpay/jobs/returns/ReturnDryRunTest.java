package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * import-returns --dry-run reads and matches a notice as the import does and prints what it would
 * credit, writing nothing: no row, no sequence number drawn, no metric of an import.
 */
class ReturnDryRunTest extends DatabaseTest {

    /** Worker 1 was paid 4,900 yen (fee 100) at 0036, worker 2 2,500 yen (fee 500) at 0001. */
    private static final String WORKER_1 = "payout-20261124.csv,0000000001,0036,101,0000001,4900,1,";
    private static final String WORKER_2 = "payout-20261124.csv,0000000002,0001,101,0000002,2500,3,解約済";

    @Autowired
    private MeterRegistry registry;

    @TempDir
    Path inbox;

    private ReturnsFixture returns;

    @BeforeEach
    void twoWorkersPaidOn20261124() {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036").payableWorker(2, "0001");
        ledger.reward(1, 5_000, "2026-11-01");
        ledger.reward(2, 3_000, "2026-11-01");
        assertThat(executeCapturing("payout", "--date", "2026-11-24").exitCode()).isEqualTo(ExitCodes.OK);
        returns = new ReturnsFixture(jdbc);
    }

    /** Everything an import writes: its rows, the sequence numbers it draws, and the ledger as a whole. */
    private String written() {
        return returns.snapshot() + "\n" + jdbc.queryForList("""
                select relname || ' ' || coalesce(pg_sequence_last_value(c.oid)::text, 'unused')
                from pg_class c where relkind = 'S'
                  and relname in ('return_notice_id_seq', 'payout_return_id_seq', 'reward_id_seq')
                order by relname""", String.class);
    }

    /** The import's gauges (returns_*) as they stand in this process. */
    private Map<String, Double> importMetrics() {
        Map<String, Double> gauges = new TreeMap<>();
        for (Gauge gauge : registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("returns."))
                .filter(Gauge.class::isInstance).map(Gauge.class::cast).toList()) {
            gauges.put(gauge.getId().getName(), gauge.value());
        }
        return gauges;
    }

    @Test
    void printsWhatTheImportWouldCreditAndWritesNothing() throws Exception {
        // given
        Path notice = ReturnsFixture.notice(inbox.resolve("returns-20261125.csv"), WORKER_1, WORKER_2);
        String before = written();
        Map<String, Double> metricsBefore = importMetrics();
        // when
        Captured dryRun = executeCapturing("import-returns", notice.toString(), "--date", "2026-11-25", "--dry-run");
        // then
        assertThat(dryRun.exitCode()).as(dryRun.err()).isEqualTo(ExitCodes.OK);
        assertThat(dryRun.err()).isEmpty();
        assertThat(dryRun.out()).contains(
                "Dry run: nothing was written. The return notice returns-20261125.csv (sha256 ",
                ", layout default) would be imported with return date 2026-11-25:\n"
                        + "    line  customer_code  bank_file            run_of      transferred_yen    credit_yen  reason\n"
                        + "       1  0000000001     payout-20261124.csv  2026-11-24            4,900         4,900  1 NO_SUCH_ACCOUNT (口座なし)\n"
                        + "       2  0000000002     payout-20261124.csv  2026-11-24            2,500         2,500  3 ACCOUNT_CLOSED (解約済)\n"
                        + "  would record 2 returns: transferred 7,400 yen, fees 600 yen; would credit 7,400 yen (the amounts"
                        + " transferred; payout.returns.refund-fee: false)\n"
                        + "  the credits would be payable until 2027-05-24; run the same command without --dry-run to import\n");
        assertThat(written()).isEqualTo(before);
        assertThat(importMetrics()).isEqualTo(metricsBefore);

        // when: the import itself
        Captured imported = executeCapturing("import-returns", notice.toString(), "--date", "2026-11-25");
        // then: it credits what the dry run said, and its metrics and rows show (the checks above can fail)
        assertThat(imported.exitCode()).as(imported.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForList("select worker_id || ' ' || amount_yen from reward where return_id is not null"
                + " order by worker_id", String.class)).containsExactly("1 4900", "2 2500");
        assertThat(written()).isNotEqualTo(before);
        assertThat(importMetrics()).containsEntry("returns.imported", 2.0).containsEntry("returns.credited.yen", 7_400.0)
                .isNotEqualTo(metricsBefore);
    }

    @Test
    void aNoticeTheImportWouldRefuseIsRefusedTheSameWayWithExitTwoAndNothingWritten() throws Exception {
        // given: line 2 names an amount the payout did not transfer
        Path notice = ReturnsFixture.notice(inbox.resolve("returns.csv"), WORKER_1, WORKER_2.replace(",2500,", ",2600,"));
        String before = written();
        Map<String, Double> metricsBefore = importMetrics();
        // when
        Captured dryRun = executeCapturing("import-returns", "--dry-run", notice.toString(), "--date", "2026-11-25");
        // then
        assertThat(dryRun.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(dryRun.err()).isEqualTo("error: the return notice " + notice + " would be refused: 1 line is wrong\n"
                + "  line 2: the amount 2600 yen differs from the 2500 yen of the transfer to customer code 0000000002 in"
                + " payout-20261124.csv\n");
        assertThat(dryRun.out()).isEmpty();
        assertThat(written()).isEqualTo(before);
        assertThat(importMetrics()).isEqualTo(metricsBefore);
    }

    @Test
    void aNoticeImportedAlreadyIsSaidToChangeNothing() throws Exception {
        // given
        Path notice = ReturnsFixture.notice(inbox.resolve("returns.csv"), WORKER_1);
        assertThat(executeCapturing("import-returns", notice.toString(), "--date", "2026-11-25").exitCode())
                .isEqualTo(ExitCodes.OK);
        String before = written();
        // when
        Captured dryRun = executeCapturing("import-returns", notice.toString(), "--dry-run");
        // then
        assertThat(dryRun.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(dryRun.out()).contains(", return date 2026-11-25, 1 returns; sha256 ")
                .endsWith("); importing it again would change nothing.\n");
        assertThat(written()).isEqualTo(before);
    }
}

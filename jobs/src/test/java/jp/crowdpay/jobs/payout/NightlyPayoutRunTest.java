package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Whole runs: the bank file's exact bytes, consecutive nights, and a failed night run again. */
class NightlyPayoutRunTest extends DatabaseTest {

    private static final Charset WINDOWS_31J = Charset.forName("Windows-31J");


    private LedgerFixture ledger;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
    }

    private int run(String date) {
        return execute(new PrintStream(out, true), new PrintStream(err, true), "payout", "--date", date);
    }

    /** Six workers, one of each fate, with rewards on both sides of the deadline. */
    private void sixWorkers() {
        ledger.worker(1, "ON_DEMAND").account(1, "0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");
        ledger.worker(2, "ON_DEMAND").account(2, "0005", "001", 2, "7654321", "ｽｽﾞｷ(ｶ");
        ledger.worker(3, "MIN_50000").account(3, "0009", "123", 4, "0000001", "TANAKA A.B");
        ledger.worker(4, "ON_DEMAND").account(4, "0001", "001", 1, "1111111", "ｻﾄｳ ｼﾞﾛｳ");
        ledger.worker(5, "CARRY_OVER").account(5, "0001", "001", 1, "2222222", "ｲﾄｳ");
        ledger.worker(6, "ON_DEMAND").account(6, "0033", "002", 1, "3333333", "ﾜﾀﾅﾍﾞ ｹﾝ");
        ledger.reward(1, 1_200, "2026-10-01");
        ledger.reward(1, 300, "2026-11-24");
        ledger.reward(1, 8_000, "2026-05-28"); // deadline 2026-11-24: expired on the 25th
        ledger.reward(2, 20_099, "2026-05-29"); // deadline 2026-11-25: still payable
        ledger.reward(3, 30_000, "2026-08-01");
        ledger.reward(3, 20_000, "2026-11-25");
        ledger.reward(4, 999, "2026-11-25");
        ledger.reward(5, 100_000, "2026-11-01");
        ledger.reward(6, 4_000, "2026-11-20");
        ledger.reward(6, 2_000, "2026-11-26"); // after the business date: untouched
    }

    @Test
    void writesTheBankFileByteForByteWithItsManifest() throws IOException {
        // given
        sixWorkers();
        // when
        int exit = run("2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        Path file = Path.of(OUTBOX, "payout-20261125.csv");
        String expected = "0036,251,1,1234567,ﾔﾏﾀﾞ ﾀﾛｳ,1400,0000000001\r\n"
                + "0005,001,2,7654321,ｽｽﾞｷ(ｶ,19599,0000000002\r\n"
                + "0009,123,4,0000001,TANAKA A.B,49500,0000000003\r\n"
                + "0033,002,1,3333333,ﾜﾀﾅﾍﾞ ｹﾝ,3500,0000000006\r\n";
        byte[] bytes = Files.readAllBytes(file);
        assertThat(bytes).isEqualTo(expected.getBytes(WINDOWS_31J));
        // half-width katakana are single bytes in Windows-31J: ﾔ is 0xD4
        assertThat(bytes[19]).isEqualTo((byte) 0xD4);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        String manifest = Files.readString(Path.of(OUTBOX, "payout-20261125.csv.manifest.json"), StandardCharsets.UTF_8);
        assertThat(manifest).isEqualTo("{\n"
                + "  \"run_id\": 1,\n"
                + "  \"business_date\": \"2026-11-25\",\n"
                + "  \"format\": \"csv\",\n"
                + "  \"file\": \"payout-20261125.csv\",\n"
                + "  \"records\": 4,\n"
                + "  \"total_yen\": 73999,\n"
                + "  \"sha256\": \"" + sha256(bytes) + "\"\n"
                + "}\n");
    }

    @Test
    void provesConservationAndStoresTheSummary() {
        // given
        sixWorkers();
        // when
        run("2026-11-25");
        // then: 9 unpaid rewards in scope = 6 paid + 1 expired + 2 carried (worker 4's 999, worker 5's 100,000)
        assertThat(jdbc.queryForMap("""
                select unpaid_before_count, unpaid_before_yen, expired_count, expired_yen,
                       unpaid_after_count, unpaid_after_yen from payout_run"""))
                .containsEntry("unpaid_before_count", 9L).containsEntry("unpaid_before_yen", BigDecimal.valueOf(184_598))
                .containsEntry("expired_count", 1L).containsEntry("expired_yen", BigDecimal.valueOf(8_000))
                .containsEntry("unpaid_after_count", 2L).containsEntry("unpaid_after_yen", BigDecimal.valueOf(100_999));
        assertThat(ledger.payouts("2026-11-25")).extracting(row -> row.get("gross_yen"))
                .containsExactly(1_500L, 20_099L, 50_000L, 4_000L);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("workers considered   6")
                .contains("payouts              4  gross 75,599 yen  fees 1,600 yen  transferred 73,999 yen")
                .contains("expired rewards      1  8,000 yen")
                .contains("BELOW_THRESHOLD        1 workers  999 yen")
                .contains("CARRY_OVER_METHOD      1 workers  100,000 yen");
    }

    @Test
    void writesAnEmptyFileAndManifestOnANightWithoutPayouts() throws IOException {
        // given
        ledger.payableWorker(1, "0001");
        ledger.reward(1, 500, "2026-11-25");
        // when
        int exit = run("2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(Files.size(Path.of(OUTBOX, "payout-20261125.csv"))).isZero();
        assertThat(Files.readString(Path.of(OUTBOX, "payout-20261125.csv.manifest.json")))
                .contains("\"records\": 0,").contains("\"total_yen\": 0,");
    }

    @Test
    void paysNothingTwiceOverConsecutiveNightsAndPaysCarriedBalanceOnceItCrossesTheThreshold() {
        // given
        ledger.payableWorker(1, "0001");
        ledger.payableWorker(2, "0001");
        long paidFirstNight = ledger.reward(1, 5_000, "2026-11-24");
        long carried = ledger.reward(2, 600, "2026-11-24");
        assertThat(run("2026-11-24")).isEqualTo(ExitCodes.OK);
        long arrivedNextDay = ledger.reward(2, 400, "2026-11-25");
        // when
        int exit = run("2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts("2026-11-24")).extracting(row -> row.get("worker_id")).containsExactly(1L);
        assertThat(ledger.payouts("2026-11-25")).extracting(row -> row.get("worker_id"), row -> row.get("gross_yen"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(2L, 1_000L));
        assertThat(ledger.status(paidFirstNight)).isEqualTo("PAID");
        assertThat(ledger.status(carried)).isEqualTo("PAID");
        assertThat(ledger.status(arrivedNextDay)).isEqualTo("PAID");
        assertThat(jdbc.queryForObject("select count(*) from payout where worker_id = 1", Long.class)).isEqualTo(1);
    }

    @Test
    void doesNothingForADateAlreadyCompleted() {
        // given
        sixWorkers();
        assertThat(run("2026-11-25")).isEqualTo(ExitCodes.OK);
        String before = ledger.snapshot();
        // when
        int exit = run("2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("already completed");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    @Test
    void continuesAFailedRunToTheLedgerAndFileOfAnUninterruptedRun() throws IOException {
        // given: what an uninterrupted run makes of the six workers
        sixWorkers();
        assertThat(run("2026-11-25")).isEqualTo(ExitCodes.OK);
        String uninterruptedLedger = ledger.snapshot();
        byte[] uninterruptedFile = Files.readAllBytes(Path.of(OUTBOX, "payout-20261125.csv"));
        String uninterruptedManifest = Files.readString(Path.of(OUTBOX, "payout-20261125.csv.manifest.json"));
        startFromEmptyTables();
        startFromEmptyOutbox();
        sixWorkers();
        // and a failure while paying worker 6, after the chunks of workers 1-2 and 3-4 committed
        jdbc.execute("""
                create function fail_on_worker_6() returns trigger language plpgsql as $$
                begin
                    if new.worker_id = 6 then raise exception 'injected failure'; end if;
                    return new;
                end $$""");
        jdbc.execute("create trigger fail_on_worker_6 before insert on payout for each row execute function fail_on_worker_6()");
        try {
            // when
            int failed = run("2026-11-25");
            assertThat(failed).isEqualTo(ExitCodes.FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("injected failure").contains("run the same command again");
            assertThat(jdbc.queryForObject("select count(*) from payout", Long.class)).isEqualTo(3);
            assertThat(Files.exists(Path.of(OUTBOX, "payout-20261125.csv"))).isFalse();
        } finally {
            jdbc.execute("drop trigger fail_on_worker_6 on payout");
            jdbc.execute("drop function fail_on_worker_6()");
        }
        int continued = run("2026-11-25");
        // then
        assertThat(continued).isEqualTo(ExitCodes.OK);
        assertThat(ledger.snapshot()).isEqualTo(uninterruptedLedger);
        assertThat(Files.readAllBytes(Path.of(OUTBOX, "payout-20261125.csv"))).isEqualTo(uninterruptedFile);
        assertThat(Files.readString(Path.of(OUTBOX, "payout-20261125.csv.manifest.json"))).isEqualTo(uninterruptedManifest);
    }

    private static String sha256(byte[] bytes) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.MonthDay;
import java.util.Arrays;
import jp.crowdpay.jobs.bankfile.BankFileProperties;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.bankfile.ZenginClearingHouse;
import jp.crowdpay.jobs.bankfile.ZenginFile;
import jp.crowdpay.jobs.bankfile.ZenginFileReader;
import jp.crowdpay.jobs.bankfile.ZenginTransfer;
import jp.crowdpay.jobs.bankmaster.BankMasterImporter;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.payout.handover.PayoutBankFile;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/** Whole runs with payout.bank-file.format=zengin: the file byte for byte, the transfer date, the bank master. */
@TestPropertySource(properties = {
        "payout.bank-file.format=zengin",
        "payout.bank-file.lead-days=1",
        // tests run in jobs/: the shipped holiday file
        "payout.bank-file.holidays=../config/holidays-jp.csv",
        "payout.bank-file.zengin.requester-code=1234567890",
        "payout.bank-file.zengin.requester-name=ｸﾗｳﾄﾞﾍﾟｲ(ｶ",
        "payout.bank-file.zengin.sending-bank-code=0005",
        "payout.bank-file.zengin.sending-bank-name=ﾐﾂﾋﾞｼUFJ",
        "payout.bank-file.zengin.sending-branch-code=001",
        "payout.bank-file.zengin.sending-branch-name=ﾎﾝﾃﾝ",
        "payout.bank-file.zengin.account-type=1",
        "payout.bank-file.zengin.account-number=7654321"})
class ZenginPayoutRunTest extends DatabaseTest {

    private static final Path GOLDEN = Path.of("src/test/resources/bankfile/zengin-run-20261125.txt");
    private static final Path FIXTURE_MASTER = Path.of("src/test/resources/bankmaster/zengin-code-4-banks.json");

    @Autowired
    private BankMasterImporter importer;

    private LedgerFixture ledger;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
    }

    private int run(String date) {
        return execute(new PrintStream(out, true), new PrintStream(new ByteArrayOutputStream(), true), "payout", "--date", date);
    }

    private ZenginFile file(String day) throws IOException {
        return ZenginFileReader.read(Files.readAllBytes(Path.of(OUTBOX, "payout-" + day + ".txt")));
    }

    private void threeWorkers() {
        ledger.worker(1, "ON_DEMAND").account(1, "0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");
        // stored as typed: the run records and writes the bank's spelling
        ledger.worker(2, "ON_DEMAND").account(2, "0005", "001", 2, "7654321", "すずき　はなこ");
        ledger.worker(3, "ON_DEMAND").account(3, "0009", "123", 4, "0000001", "TANAKA A.B");
        ledger.reward(1, 1_500, "2026-11-20");
        ledger.reward(2, 20_000, "2026-11-20");
        ledger.reward(3, 50_000, "2026-11-20");
    }

    @Test
    void writesTheZenginFileByteForByteAsTheGoldenFileWithItsManifest() throws IOException {
        // given
        importer.importFile(FIXTURE_MASTER, BankMasterImporter.Removals.LIMITED);
        threeWorkers();
        // when
        int exit = run("2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        byte[] written = Files.readAllBytes(Path.of(OUTBOX, "payout-20261125.txt"));
        assertThat(written).isEqualTo(Files.readAllBytes(GOLDEN));
        assertThat(written.length).isEqualTo(6 * 122);
        assertThat(Files.readString(Path.of(OUTBOX, "payout-20261125.txt.manifest.json")))
                .contains("\"format\": \"zengin\",").contains("\"file\": \"payout-20261125.txt\",")
                .contains("\"records\": 3,").contains("\"total_yen\": 70400,");
    }

    @Test
    void reissuesTheSameBytesAfterALaterMasterImportRenamedABranch() throws IOException {
        // given: a run paid with the names of the fixture master
        importer.importFile(FIXTURE_MASTER, BankMasterImporter.Removals.LIMITED);
        threeWorkers();
        run("2026-11-25");
        jdbc.update("update bank_branch set zengin_name = 'ｱﾀﾗｼｲ' where bank_code = '0036' and code = '251'");
        var bankFile = new PayoutBankFile(jdbc, new NightlyPayoutJobConfiguration().bankFileFormat(zenginSettings(ZenginClearingHouse.ZEROS)));
        Path reissueFolder = Path.of(OUTBOX, "reissue");
        // when
        try (var staged = bankFile.stage(new PayoutLedger(jdbc).get(LocalDate.parse("2026-11-25")), new Outbox(reissueFolder), null)) {
            staged.publish();
        }
        // then
        assertThat(Files.readAllBytes(reissueFolder.resolve("payout-20261125.txt"))).isEqualTo(Files.readAllBytes(GOLDEN));
    }

    @Test
    void writesSpacesInTheClearingHouseFieldWhenTheSettingSaysSo() throws IOException {
        // given: the golden run, and the format of payout.bank-file.zengin.clearing-house=spaces
        importer.importFile(FIXTURE_MASTER, BankMasterImporter.Removals.LIMITED);
        threeWorkers();
        run("2026-11-25");
        var bankFile = new PayoutBankFile(jdbc, new NightlyPayoutJobConfiguration().bankFileFormat(zenginSettings(ZenginClearingHouse.SPACES)));
        Path folder = Path.of(OUTBOX, "spaces");
        byte[] expected = Files.readAllBytes(GOLDEN);
        for (int line = 1; line <= 3; line++) {
            Arrays.fill(expected, line * 122 + 38, line * 122 + 42, (byte) ' ');
        }
        // when
        try (var staged = bankFile.stage(new PayoutLedger(jdbc).get(LocalDate.parse("2026-11-25")), new Outbox(folder), null)) {
            staged.publish();
        }
        // then: bytes 39-42 of each data record, and nothing else, differ from the default
        assertThat(Files.readAllBytes(folder.resolve("payout-20261125.txt"))).isEqualTo(expected);
    }

    @Test
    void movesTheTransferDatePastAWeekendAndAHoliday() throws IOException {
        // given: Friday 2026-11-20 + 1 day is Saturday; Monday 11-23 is 勤労感謝の日
        threeWorkers();
        // when
        run("2026-11-20");
        // then
        assertThat(file("20261120").header().transferDate()).isEqualTo(MonthDay.of(11, 24));
    }

    @Test
    void movesTheTransferDatePastTheBanksYearEndClosing() throws IOException {
        // given: 2025-12-30 + 1 day is 12/31; banks close until 1/3, and 2026-01-04 is a Sunday
        // (a past year end: the payout refuses business dates after today, and dates before the ledger's first reward)
        threeWorkers();
        ledger.reward(1, 2_000, "2025-12-01");
        // when
        run("2025-12-30");
        // then
        assertThat(file("20251230").header().transferDate()).isEqualTo(MonthDay.of(1, 5));
    }

    @Test
    void carriesForwardUnknownBankAndUnknownBranchWhenAMasterIsLoaded() throws IOException {
        // given
        importer.importFile(FIXTURE_MASTER, BankMasterImporter.Removals.LIMITED);
        unknownCodes();
        // when
        int exit = run("2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason || ' ' || detail from payout_exception order by worker_id",
                String.class)).containsExactly(
                "2 UNKNOWN_BANK_BRANCH branch code 999 is not in the bank master for bank 0036",
                "3 UNKNOWN_BANK_BRANCH bank code 0123 is not in the bank master");
        assertThat(file("20261125").transfers()).extracting(ZenginTransfer::customerCode).containsExactly(1L);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("UNKNOWN_BANK_BRANCH    2 workers  10,000 yen")
                .contains("bank master          4 banks, 6 branches");
    }

    @Test
    void checksOnlyTheFieldRulesAndSaysSoWhenNoMasterIsLoaded() throws IOException {
        // given
        unknownCodes();
        // when
        int exit = run("2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("select count(*) from payout_exception", Long.class)).isZero();
        ZenginFile file = file("20261125");
        assertThat(file.transfers()).extracting(ZenginTransfer::customerCode).containsExactly(1L, 2L, 3L);
        // no master, no names: the records leave them blank
        assertThat(file.transfers()).extracting(ZenginTransfer::bankName).containsOnly("");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("bank master          not loaded, only field rules checked");
    }

    @Test
    void writesEveryOtherWorkerAndCarriesForwardTheOneWhosePayeeNameCannotBeMadeValid() throws IOException {
        // given: nine workers, one with a name in kanji
        for (long worker = 1; worker <= 9; worker++) {
            ledger.worker(worker, "ON_DEMAND").account(worker, "0005", "001", 1, String.format("%07d", worker),
                    worker == 5 ? "山田太郎" : "ﾃｽﾄ " + worker);
            ledger.reward(worker, 2_000 + worker, "2026-11-20");
        }
        // when
        int exit = run("2026-11-25");
        // then: the run completed, so its conservation proof held against the file read back
        assertThat(exit).isEqualTo(ExitCodes.OK);
        ZenginFile file = file("20261125");
        assertThat(file.transfers()).extracting(ZenginTransfer::customerCode).containsExactly(1L, 2L, 3L, 4L, 6L, 7L, 8L, 9L);
        assertThat(file.trailerCount()).isEqualTo(8);
        assertThat(file.trailerTotal()).isEqualTo(file.sumOfTransfers()).isEqualTo(8 * 1_500 + 45 - 5);
        assertThat(jdbc.queryForMap("select worker_id, reason, balance_yen from payout_exception"))
                .containsEntry("worker_id", 5L).containsEntry("reason", "INVALID_PAYEE_NAME").containsEntry("balance_yen", java.math.BigDecimal.valueOf(2_005));
        assertThat(ledger.status(5)).isEqualTo("UNPAID");
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("INVALID_PAYEE_NAME     1 workers  2,005 yen");
    }

    @Test
    void carriesForwardEveryWorkerWhoseLineTheZenginFileCannotHoldAndWritesTheOthers() throws IOException {
        // given: the fixture master (a bank name the field cannot hold never gets into it: the master's
        // names are checked when imported)
        importer.importFile(FIXTURE_MASTER, BankMasterImporter.Removals.LIMITED);
        // 500 yen fee: worker 1 transfers exactly 9,999,999,999 yen (N10), worker 2 one yen more
        zenginWorker(1, "0005", 10_000_000_499L);
        zenginWorker(2, "0005", 10_000_000_500L);
        // a customer code holds 10 digits: 9,999,999,999 fits, 10,000,000,000 does not
        zenginWorker(9_999_999_999L, "0005", 5_000);
        zenginWorker(10_000_000_000L, "0005", 5_000);
        zenginWorker(5, "0005", 5_000);
        // when
        int exit = run("2026-11-25");
        // then: the night completed with the lines the file can hold
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(file("20261125").transfers()).extracting(ZenginTransfer::customerCode, ZenginTransfer::amount)
                .containsExactly(tuple(1L, 9_999_999_999L), tuple(5L, 4_500L), tuple(9_999_999_999L, 4_500L));
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason || ' ' || balance_yen || ' ' || detail"
                + " from payout_exception order by worker_id", String.class)).containsExactly(
                "2 BANK_FILE_LIMIT 10000000500 the zengin file cannot hold this line: amount must be 1 to 9999999999 yen",
                "10000000000 BANK_FILE_LIMIT 5000 the zengin file cannot hold this line: customer code must be 0 or more"
                        + " and fit 10 digits");
        assertThat(jdbc.queryForObject("select count(*) from reward where status = 'UNPAID'", Long.class)).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("BANK_FILE_LIMIT        2 workers  10,000,005,500 yen");
    }

    private void zenginWorker(long id, String bankCode, long rewardYen) {
        ledger.worker(id, "ON_DEMAND").account(id, bankCode, "001", 1, "1234567", "ﾃｽﾄ");
        ledger.reward(id, rewardYen, "2026-11-20");
    }

    /** Worker 1 at a known branch, 2 at an unknown branch of a known bank, 3 at an unknown bank. */
    private void unknownCodes() {
        ledger.worker(1, "ON_DEMAND").account(1, "0036", "251", 1, "1111111", "ｱ");
        ledger.worker(2, "ON_DEMAND").account(2, "0036", "999", 1, "2222222", "ｲ");
        ledger.worker(3, "ON_DEMAND").account(3, "0123", "001", 1, "3333333", "ｳ");
        ledger.reward(1, 5_000, "2026-11-20");
        ledger.reward(2, 5_000, "2026-11-20");
        ledger.reward(3, 5_000, "2026-11-20");
    }

    private static BankFileProperties zenginSettings(ZenginClearingHouse clearingHouse) {
        return new BankFileProperties(BankFileProperties.Format.ZENGIN,
                1, Path.of("../config/holidays-jp.csv"), "default", Path.of("../config/bank-layouts"),
                new BankFileProperties.Zengin("1234567890", "ｸﾗｳﾄﾞﾍﾟｲ(ｶ", "0005", "ﾐﾂﾋﾞｼUFJ",
                        "001", "ﾎﾝﾃﾝ", 1, "7654321", clearingHouse));
    }
}

package jp.crowdpay.jobs.returns;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** A notice is applied whole or not at all; the same notice twice is applied once. The ledger is compared before and after. */
class ReturnRefusalTest extends DatabaseTest {

    /** Worker 1 was paid 4,900 yen (fee 100) at 0036, worker 2 2,500 yen (fee 500) at 0001, worker 3 1,900 yen at 0036. */
    private static final String WORKER_1 = "payout-20261124.csv,0000000001,0036,101,0000001,4900,1,";
    private static final String WORKER_2 = "payout-20261124.csv,0000000002,0001,101,0000002,2500,3,解約済";

    @Autowired
    private TransactionTemplate transaction;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private ReturnsFixture returns;

    @TempDir
    Path inbox;

    @BeforeEach
    void threeWorkersPaidOn20261124() {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036").payableWorker(2, "0001").payableWorker(3, "0036");
        ledger.reward(1, 5_000, "2026-11-01");
        ledger.reward(2, 3_000, "2026-11-01");
        ledger.reward(3, 2_000, "2026-11-01");
        assertThat(execute(new PrintStream(out), new PrintStream(err), "payout", "--date", "2026-11-24")).isEqualTo(ExitCodes.OK);
        returns = new ReturnsFixture(jdbc);
    }

    private int importReturns(Path notice, String... options) {
        out.reset();
        err.reset();
        String[] args = new String[options.length + 2];
        args[0] = "import-returns";
        args[1] = notice.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        return execute(new PrintStream(out, true), new PrintStream(err, true), args);
    }

    private String errors() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private long notices() {
        return jdbc.queryForObject("select count(*) from return_notice", Long.class);
    }

    @Test
    void theSameNoticeTwiceIsAppliedOnceAndTheSecondImportSaysSo() throws Exception {
        // given
        Path notice = ReturnsFixture.notice(inbox.resolve("returns.csv"), WORKER_1, WORKER_2);
        assertThat(importReturns(notice, "--date", "2026-11-25")).as(errors()).isEqualTo(ExitCodes.OK);
        String afterFirst = returns.snapshot();
        // when: again, even with another date
        int exit = importReturns(notice, "--date", "2026-11-26");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("was imported already (")
                .contains(", return date 2026-11-25, 2 returns; sha256 ").contains("); nothing changed.");
        assertThat(returns.snapshot()).isEqualTo(afterFirst);
        assertThat(notices()).isEqualTo(1);
        assertThat(jdbc.queryForObject("select sum(amount_yen) from reward where return_id is not null", Long.class))
                .isEqualTo(7_400);
    }

    @Test
    void aSecondNoticeNamingAPayoutAlreadyReturnedIsRefusedWhole() throws Exception {
        // given
        Path first = ReturnsFixture.notice(inbox.resolve("first.csv"), WORKER_1);
        assertThat(importReturns(first, "--date", "2026-11-25")).isEqualTo(ExitCodes.OK);
        // the day in payout.zone (Asia/Tokyo), whatever the zone of the machine or the database session
        String importedOn = jdbc.queryForObject("select (imported_at at time zone 'Asia/Tokyo')::date::text from return_notice",
                String.class);
        String before = returns.snapshot();
        Path second = ReturnsFixture.notice(inbox.resolve("second.csv"), WORKER_2, WORKER_1);
        // when
        int exit = importReturns(second, "--date", "2026-11-26");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).isEqualTo("error: the return notice " + second + " is refused, nothing was applied: 1 line is wrong\n"
                + "  line 2: the transfer to customer code 0000000001 in payout-20261124.csv already came back (line 1 of "
                + first.toAbsolutePath() + ", imported " + importedOn + "); a payout is returned once\n");
        assertThat(returns.snapshot()).isEqualTo(before);
    }

    @Test
    void refusesTheWholeNoticeAndListsEveryBadLineWithItsNumberAndWhy() throws Exception {
        // given
        String before = returns.snapshot();
        Path notice = ReturnsFixture.notice(inbox.resolve("returns.csv"),
                WORKER_1,
                "payout-20261124.csv,0000000009,0036,101,0000009,4900,1,",
                "payout-20261124.csv,0000000002,0001,101,0000002,3000,3,",
                "payout-20261124.csv,0000000003,0036,101,0000004,1900,2,",
                "payout-20261124.csv,0000000003,0036,101,0000003,1900,2",
                "payout-20261123.csv,0000000003,0036,101,0000003,1900,2,",
                WORKER_2);
        // when
        int exit = importReturns(notice, "--date", "2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).isEqualTo("error: the return notice " + notice + " is refused, nothing was applied: 5 lines are wrong\n"
                + "  line 2: payout-20261124.csv has no transfer to customer code 0000000009\n"
                + "  line 3: the amount 3000 yen differs from the 2500 yen of the transfer to customer code 0000000002 in payout-20261124.csv\n"
                + "  line 4: the account number differs from the account of the transfer to customer code 0000000003 in payout-20261124.csv\n"
                + "  line 5: 7 fields, but the layout default has 8\n"
                + "  line 6: no payout run wrote a bank file named payout-20261123.csv\n");
        assertThat(returns.snapshot()).isEqualTo(before);
        assertThat(notices()).isZero();
    }

    @Test
    void refusesAnEmptyNotice() throws Exception {
        // given
        String before = returns.snapshot();
        Path empty = Files.write(inbox.resolve("empty.csv"), new byte[0]);
        // when
        int exit = importReturns(empty);
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).isEqualTo("error: the return notice " + empty + " lists no returned transfers; nothing was applied\n");
        assertThat(returns.snapshot()).isEqualTo(before);
        assertThat(notices()).isZero();
    }

    @Test
    void refusesANoticeInTheWrongEncodingNamingTheLine() throws Exception {
        // given: exported as UTF-8
        String before = returns.snapshot();
        Path notice = Files.writeString(inbox.resolve("utf8.csv"), WORKER_1 + "\r\n" + WORKER_2 + "\r\n", StandardCharsets.UTF_8);
        // when
        int exit = importReturns(notice, "--date", "2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("1 line is wrong\n  line 2: the bytes are not valid windows-31j;"
                + " export the notice in the layout's encoding\n");
        assertThat(returns.snapshot()).isEqualTo(before);
    }

    @Test
    void refusesAReturnDateAfterTodayOrBeforeThePayout() throws Exception {
        // given
        String before = returns.snapshot();
        Path notice = ReturnsFixture.notice(inbox.resolve("returns.csv"), WORKER_1);
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1);
        // when
        int future = importReturns(notice, "--date", tomorrow.toString());
        String futureError = errors();
        int early = importReturns(notice, "--date", "2026-11-23");
        // then
        assertThat(future).isEqualTo(ExitCodes.USAGE);
        assertThat(futureError).startsWith("error: --date " + tomorrow + " is after today (").endsWith("); nothing was applied\n");
        assertThat(early).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("  line 1: the return date 2026-11-23 is before the payout of 2026-11-24 was made\n");
        assertThat(returns.snapshot()).isEqualTo(before);
    }

    @Test
    void aMisalignedExportsPayeeNameAndAccountNumberNeverReachStandardError() throws Exception {
        // given: the bank added a column (the payee name) before the reason code, then the account number
        String before = returns.snapshot();
        Path notice = ReturnsFixture.notice(inbox.resolve("returns.csv"),
                "payout-20261124.csv,0000000001,0036,101,0000001,4900,ﾃｽﾄ ﾀﾛｳ,1",
                "payout-20261124.csv,0000000002,0001,101,0000002,2500,0000002,3");
        // when: the notice read with a layout of one column less
        int exit = importReturns(notice, "--date", "2026-11-25");
        String misaligned = errors();
        Path shifted = ReturnsFixture.notice(inbox.resolve("shifted.csv"),
                "payout-20261124.csv,0000000001,0036,101,0000001,4900,ﾃｽﾄ ﾀﾛｳ,",
                "ﾃｽﾄ ﾀﾛｳ,0000000002,0001,101,0000002,2500,3,");
        int shiftedExit = importReturns(shifted, "--date", "2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(misaligned).isEqualTo("error: the return notice " + notice + " is refused, nothing was applied: 2 lines"
                + " are wrong\n"
                + "  line 1: reason code 'ﾃ***' (masked) is not one the layout default knows (1, 2, 3, 4, 9)\n"
                + "  line 2: reason code '0***' (masked) is not one the layout default knows (1, 2, 3, 4, 9)\n");
        assertThat(shiftedExit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).isEqualTo("error: the return notice " + shifted + " is refused, nothing was applied: 2 lines"
                + " are wrong\n"
                + "  line 1: reason code 'ﾃ***' (masked) is not one the layout default knows (1, 2, 3, 4, 9)\n"
                + "  line 2: no payout run wrote a bank file named 'ﾃ***' (masked)\n");
        assertThat(returns.snapshot()).isEqualTo(before);
    }

    @Test
    void aNoticeWhoseLinesEndInCrAloneIsRefusedNamingTheLineEndings() throws Exception {
        // given: saved with the line ending of classic Mac OS
        String before = returns.snapshot();
        Path notice = Files.write(inbox.resolve("mac.csv"), (WORKER_1 + "\r" + WORKER_2 + "\r").getBytes(ReturnsFixture.WINDOWS_31J));
        // when
        int exit = importReturns(notice, "--date", "2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).isEqualTo("error: the return notice " + notice + " is refused, nothing was applied\n"
                + "  the notice: its lines end in CR alone (the line ending of classic Mac OS), which this import does not"
                + " split on; export the notice with CRLF or LF line endings\n");
        assertThat(returns.snapshot()).isEqualTo(before);
    }

    @Test
    void theDayANoticeWasImportedIsTheDayInTheBusinessZone() throws Exception {
        // given: a notice imported at 2026-11-25T16:30Z, which is 2026-11-26 01:30 in Asia/Tokyo (payout.zone),
        // returning worker 1's payout
        Path first = ReturnsFixture.notice(inbox.resolve("first.csv"), WORKER_1);
        long payoutId = jdbc.queryForObject("select id from payout where worker_id = 1", Long.class);
        String sha256 = ReturnImporter.sha256(Files.readAllBytes(first));
        transaction.executeWithoutResult(status -> {
            long noticeId = jdbc.queryForObject("""
                    insert into return_notice (sha256, file, layout, returned_on, refund_fee, imported_at, imported_by)
                    values (?, ?, 'default', '2026-11-25', false, '2026-11-25T16:30:00Z', 'test') returning id""",
                    Long.class, sha256, first.toString());
            long returnId = jdbc.queryForObject("""
                    insert into payout_return (notice_id, line_number, payout_id, reason_code, reason_text)
                    values (?, 1, ?, 1, '') returning id""", Long.class, noticeId, payoutId);
            jdbc.update("insert into reward (worker_id, amount_yen, confirmed_on, return_id) values (1, 4900, '2026-11-25', ?)",
                    returnId);
            jdbc.update("""
                    insert into returned_account (return_id, worker_id, bank_code, branch_code, account_type, account_number, payee_name)
                    values (?, 1, '0036', '101', 1, '0000001', 'ﾃｽﾄ ﾀﾛｳ')""", returnId);
        });
        Path second = ReturnsFixture.notice(inbox.resolve("second.csv"), WORKER_2, WORKER_1);
        // when
        int again = importReturns(first);
        String sameNotice = out.toString(StandardCharsets.UTF_8);
        int overlapping = importReturns(second, "--date", "2026-11-26");
        // then
        assertThat(again).isEqualTo(ExitCodes.OK);
        assertThat(sameNotice).startsWith("The return notice " + first + " was imported already (2026-11-26, return date"
                + " 2026-11-25, 1 returns; sha256 ");
        assertThat(overlapping).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).contains("  line 2: the transfer to customer code 0000000001 in payout-20261124.csv already"
                + " came back (line 1 of " + first + ", imported 2026-11-26); a payout is returned once\n");
    }

    @Test
    void refusesAFileThatCannotBeRead() {
        // when
        int exit = importReturns(inbox.resolve("missing.csv"));
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).isEqualTo("error: cannot read the return notice " + inbox.resolve("missing.csv")
                + " (NoSuchFileException); nothing was applied\n");
    }
}

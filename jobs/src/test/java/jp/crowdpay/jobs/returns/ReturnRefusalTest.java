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

/** A notice is applied whole or not at all; the same notice twice is applied once. The ledger is compared before and after. */
class ReturnRefusalTest extends DatabaseTest {

    /** Worker 1 was paid 4,900 yen (fee 100) at 0036, worker 2 2,500 yen (fee 500) at 0001, worker 3 1,900 yen at 0036. */
    private static final String WORKER_1 = "payout-20261124.csv,0000000001,0036,101,0000001,4900,1,";
    private static final String WORKER_2 = "payout-20261124.csv,0000000002,0001,101,0000002,2500,3,解約済";

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
        // the day in the business zone (payout.zone), whatever the zone of the test's session
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
    void refusesAFileThatCannotBeRead() {
        // when
        int exit = importReturns(inbox.resolve("missing.csv"));
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(errors()).isEqualTo("error: cannot read the return notice " + inbox.resolve("missing.csv")
                + " (NoSuchFileException); nothing was applied\n");
    }
}

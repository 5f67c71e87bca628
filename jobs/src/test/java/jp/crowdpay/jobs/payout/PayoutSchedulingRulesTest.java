package jp.crowdpay.jobs.payout;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.ZoneId;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which dates may run: no going back in time, no skipping an unfinished night, no future. */
class PayoutSchedulingRulesTest extends DatabaseTest {


    private LedgerFixture ledger;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0001");
        ledger.reward(1, 5_000, "2026-11-01");
    }

    private int run(String date) {
        return execute(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), "payout", "--date", date);
    }

    @Test
    void refusesADateBeforeTheLatestCompletedPayout() {
        // given
        assertThat(run("2026-11-20")).isEqualTo(ExitCodes.OK);
        ledger.reward(1, 7_000, "2026-11-02");
        String before = ledger.snapshot();
        // when
        int exit = run("2026-11-19");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the payout of 2026-11-20 already completed, so 2026-11-19 lies in the past")
                .contains("nothing was touched");
        assertThat(ledger.snapshot()).isEqualTo(before);
    }

    /** The run of 2026-11-20 fails after paying, before its bank file. */
    private void failAfterPaying(String date) {
        jdbc.execute("""
                create function fail_bank_file() returns trigger language plpgsql as $$
                begin raise exception 'injected failure'; end $$""");
        jdbc.execute("create trigger fail_bank_file before update of bank_file on payout_run"
                + " for each row execute function fail_bank_file()");
        try {
            assertThat(run(date)).isEqualTo(ExitCodes.FAILED);
        } finally {
            jdbc.execute("drop trigger fail_bank_file on payout_run");
            jdbc.execute("drop function fail_bank_file()");
        }
    }

    @Test
    void refusesANewNightWhileAnEarlierRunIsUnfinishedWhenAskedForThatDateOnly() {
        // given
        failAfterPaying("2026-11-20");
        // when
        int exit = execute(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true),
                "payout", "--date", "2026-11-21", "--no-catch-up");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("the payout of 2026-11-20 has not completed; continue it first with 'payout --date 2026-11-20'")
                .contains("nothing was touched");
        assertThat(jdbc.queryForList("select business_date from payout_run", LocalDate.class))
                .containsExactly(LocalDate.of(2026, 11, 20));
        assertThat(run("2026-11-20")).isEqualTo(ExitCodes.OK);
        assertThat(run("2026-11-21")).isEqualTo(ExitCodes.OK);
    }

    @Test
    void aNewNightCompletesTheEarlierUnfinishedRunFirstThenRunsItselfEachWithItsOwnBankFile() throws Exception {
        // given
        startFromEmptyOutbox();
        failAfterPaying("2026-11-20");
        ledger.reward(1, 7_000, "2026-11-21");
        // when
        Captured run = executeCapturing("payout", "--date", "2026-11-21");
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        assertThat(run.out()).contains("The payout of 2026-11-20 has not completed: continuing it before 2026-11-21.")
                .contains("Continued the unfinished run of 2026-11-20, then ran 2026-11-21.");
        assertThat(jdbc.queryForList("select business_date || ' ' || (completed_at is not null) from payout_run order by 1",
                String.class)).containsExactly("2026-11-20 true", "2026-11-21 true");
        // the rewards less the tests' default fee of 500 yen
        assertThat(jdbc.queryForList("select r.business_date || ' ' || p.amount_yen from payout p join payout_run r"
                + " on r.id = p.run_id order by 1", String.class)).containsExactly("2026-11-20 4500", "2026-11-21 6500");
        assertThat(java.nio.file.Path.of(OUTBOX)).isDirectoryContaining("glob:**/payout-20261120.csv")
                .isDirectoryContaining("glob:**/payout-20261121.csv");
    }

    @Test
    void refusesABusinessDateAfterToday() {
        // given
        LocalDate tomorrow = LocalDate.now(ZoneId.of("Asia/Tokyo")).plusDays(1);
        // when
        int exit = execute(new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true), "payout", "--date", tomorrow.toString());
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--date " + tomorrow + " is after today");
        assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
    }

    @Test
    void exitsThreeWhileAnotherProcessHoldsTheRunLease() throws Exception {
        // given: another process holds nightlyPayoutJob's lease
        try (var other = jdbc.getDataSource().getConnection()) {
            try (var lock = other.prepareStatement("select pg_advisory_lock(?, hashtext('nightlyPayoutJob'))")) {
                lock.setInt(1, 0x50594A42);
                lock.execute();
            }
            try {
                // when
                int exit = run("2026-11-20");
                // then
                assertThat(exit).isEqualTo(ExitCodes.ALREADY_RUNNING);
                assertThat(err.toString(StandardCharsets.UTF_8)).contains("another run of nightlyPayoutJob is in progress");
                assertThat(jdbc.queryForObject("select count(*) from payout_run", Long.class)).isZero();
                // and the refused launch gave its connection back without the lease's name
                assertThat(jdbc.queryForObject("""
                        select count(*) from pg_stat_activity
                        where datname = current_database() and application_name like 'payout-jobs nightlyPayoutJob on %'""",
                        Long.class)).isZero();
            } finally {
                // the pool keeps the session open after close(): its session lock must go first
                other.createStatement().execute("select pg_advisory_unlock_all()");
            }
        }
    }
}

package jp.crowdpay.jobs.seed;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import jp.crowdpay.jobs.cli.CommandLineInterface;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;

class SeedCommandTest extends DatabaseTest {

    private static final String LEDGER = "select concat_ws(' ', "
            + "(select md5(string_agg(w::text, '|' order by w.id)) from worker w), "
            + "(select md5(string_agg(b::text, '|' order by b.worker_id)) from bank_account b), "
            + "(select md5(string_agg(r::text, '|' order by r.id)) from reward r))";

    @Autowired
    private ApplicationContext context;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void seedFillsAnEmptyLedgerPrintsWhatItCreatedAndExitsZero() {
        // when
        int exitCode = run("seed", "--workers", "300", "--rewards", "2500", "--seed", "7", "--business-date", "2026-05-01");

        // then
        assertThat(exitCode).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("select count(*) from worker", Long.class)).isEqualTo(300L);
        assertThat(jdbc.queryForObject("select count(*) from reward", Long.class)).isEqualTo(2_500L);
        String total = String.format("%,d yen", jdbc.queryForObject("select sum(amount_yen) from reward", Long.class));
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("business date 2026-05-01 (seed 7)")
                .contains("ON_DEMAND").contains("MIN_50000").contains("CARRY_OVER")
                .contains("on payout hold").contains("no bank account").contains("invalid bank account")
                .contains("2,500").contains(total);
    }

    @Test
    void aLedgerWithWorkersAndRewardsIsRefusedWithExitCodeTwoAndLeftUnchanged() {
        // given
        jdbc.update("insert into worker (id, display_name) values (?, ?)", 77L, "山田 太郎");
        jdbc.update("insert into bank_account (worker_id, bank_code, branch_code, account_type, account_number, payee_name) "
                + "values (?, ?, ?, ?, ?, ?)", 77L, "0036", "251", 1, "1234567", "ﾔﾏﾀﾞ ﾀﾛｳ");
        jdbc.update("insert into reward (worker_id, amount_yen, confirmed_on) values (?, ?, current_date)", 77L, 1_500L);
        String before = jdbc.queryForObject(LEDGER, String.class);

        // when
        int exitCode = run("seed", "--workers", "50");

        // then
        assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("the ledger is not empty")
                .contains("worker has rows").contains("reward has rows").contains("nothing was changed");
        assertThat(jdbc.queryForObject(LEDGER, String.class)).isEqualTo(before);
    }

    @Test
    void aLedgerWithWorkersButNoRewardsIsRefusedToo() {
        // given
        jdbc.update("insert into worker (id, display_name) values (?, ?)", 5L, "佐藤 花子");
        String before = jdbc.queryForObject(LEDGER, String.class);

        // when
        int exitCode = run("seed", "--workers", "50");

        // then
        assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("worker has rows").doesNotContain("reward has rows");
        assertThat(jdbc.queryForObject(LEDGER, String.class)).isEqualTo(before);
    }

    @Test
    void outOfRangeOptionsAreRefusedBeforeTheApplicationStarts() {
        // when
        int noWorkers = CommandLineInterface.checkUsage(new String[] {"seed", "--workers", "0"}, print(out), print(err));
        int negativeRewards = CommandLineInterface.checkUsage(new String[] {"seed", "--rewards", "-1"}, print(out), print(err));
        int notADate = CommandLineInterface.checkUsage(new String[] {"seed", "--business-date", "2026-02-30"}, print(out), print(err));

        // then
        assertThat(noWorkers).isEqualTo(ExitCodes.USAGE);
        assertThat(negativeRewards).isEqualTo(ExitCodes.USAGE);
        assertThat(notADate).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--workers must be at least 1")
                .contains("--rewards must not be negative").contains("--business-date");
    }

    @Test
    void theScatteredLayoutNumbersTheRewardsInConfirmationOrderAcrossWorkers() {
        // when
        int exitCode = run("seed", "--workers", "300", "--rewards", "2500", "--seed", "7", "--business-date", "2026-05-01",
                "--layout", "scattered");

        // then: ids 1..2,500, never an older reward after a younger one, neighbours of different workers
        assertThat(exitCode).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForObject("select count(*) || ' ' || min(id) || ' ' || max(id) from reward", String.class))
                .isEqualTo("2500 1 2500");
        assertThat(jdbc.queryForObject("""
                select count(*) from reward a join reward b on b.id = a.id + 1 where b.confirmed_on < a.confirmed_on""",
                Long.class)).isZero();
        assertThat(jdbc.queryForObject("""
                select count(*) from reward a join reward b on b.id = a.id + 1 where b.worker_id = a.worker_id""",
                Long.class)).isLessThan(50L);
    }

    @Test
    void anUnknownLayoutIsRefusedBeforeTheApplicationStarts() {
        // when
        int seed = CommandLineInterface.checkUsage(new String[] {"seed", "--layout", "diagonal"}, print(out), print(err));
        int benchmark = CommandLineInterface.checkUsage(new String[] {"benchmark", "--layout", "sorted"}, print(out), print(err));

        // then
        assertThat(seed).isEqualTo(ExitCodes.USAGE);
        assertThat(benchmark).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8))
                .contains("expected scattered or clustered, not 'diagonal'")
                .contains("expected scattered or clustered, not 'sorted'");
    }

    @Test
    void moreRewardsThanTheGeneratorAllowsPerWorkerAreRefusedWithExitCodeTwo() {
        // when
        int exitCode = run("seed", "--workers", "1", "--rewards", "10001");

        // then
        assertThat(exitCode).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--rewards must be at most 10000 per worker");
        assertThat(jdbc.queryForObject("select count(*) from worker", Long.class)).isZero();
    }

    private int run(String... args) {
        return CommandLineInterface.execute(args, context::getBean, print(out), print(err));
    }

    private static PrintStream print(ByteArrayOutputStream bytes) {
        return new PrintStream(bytes, true, StandardCharsets.UTF_8);
    }
}

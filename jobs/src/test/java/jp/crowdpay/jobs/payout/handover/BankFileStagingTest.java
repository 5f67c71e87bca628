package jp.crowdpay.jobs.payout.handover;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import jp.crowdpay.jobs.bankfile.Outbox;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/**
 * The bank file is written while the rewards are settled, from the recorded payouts, and handed
 * over only once the settling has proven them. Fees: 100 yen at bank 0036, 500 elsewhere.
 */
@TestPropertySource(properties = "payout.mark-paid=by-ranges")
class BankFileStagingTest extends DatabaseTest {

    private static final String DATE = "2026-11-25";
    private static final String FILE = "payout-20261125.csv";
    private static final String LINES = "0036,101,1,0000001,ﾃｽﾄ ﾀﾛｳ,2900,0000000001\r\n"
            + "0005,101,1,0000002,ﾃｽﾄ ﾀﾛｳ,1500,0000000002\r\n";

    @BeforeEach
    void ledger() {
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036").payableWorker(2, "0005");
        ledger.reward(1, 3_000, "2026-11-20");
        ledger.reward(2, 2_000, "2026-11-20");
    }

    @Test
    void writesTheFileBesideTheSettlingAndHandsItOverAfter() throws IOException {
        // when
        Captured night = executeCapturing("payout", "--date", DATE);
        // then
        assertThat(night.exitCode()).as(night.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(Path.of(OUTBOX, FILE), Charset.forName("Windows-31J"))).isEqualTo(LINES);
        assertThat(outbox()).containsExactly(FILE, FILE + ".manifest.json");
        assertThat(jdbc.queryForObject("select bank_file_sha256 from payout_run", String.class))
                .isEqualTo(Outbox.sha256(Path.of(OUTBOX, FILE)));
        // the staging starts once every payout is recorded, and the handover once the settling has ended
        assertThat(jdbc.queryForObject("""
                select stage.start_time >= locked.end_time
                   and write.start_time >= greatest(stage.end_time, settling.end_time)
                from batch_step_execution stage, batch_step_execution locked, batch_step_execution write,
                     batch_step_execution settling
                where stage.step_name = 'stageBankFileStep' and locked.step_name = 'payLockedWorkersStep'
                  and write.step_name = 'writeBankFileStep' and settling.step_name = 'settleRewardsStep'""", Boolean.class))
                .isTrue();
    }

    @Test
    void theBankSeesNothingOfAFileStagedForANightWhoseSettlingFailed() throws IOException {
        // when: the marking fails, the file beside it is written all the same
        Captured failed = executeWithTestTrigger("before update", "reward",
                "if new.status = 'PAID' then raise exception 'injected failure'; end if;", "payout", "--date", DATE);
        // then: no file, no manifest, and no temporary file of either left behind
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(stepStatuses()).containsExactly("settleRewardsStep FAILED", "stageBankFileStep COMPLETED");
        assertThat(outbox()).isEmpty();
        // and when: the same command continues the night, the staging is not run again: the handover writes the file
        Captured continued = executeCapturing("payout", "--date", DATE);
        assertThat(continued.exitCode()).as(continued.err()).isEqualTo(ExitCodes.OK);
        assertThat(stepStatuses()).containsExactly("settleRewardsStep COMPLETED", "settleRewardsStep FAILED",
                "stageBankFileStep COMPLETED", "writeBankFileStep COMPLETED");
        assertThat(Files.readString(Path.of(OUTBOX, FILE), Charset.forName("Windows-31J"))).isEqualTo(LINES);
        assertThat(outbox()).containsExactly(FILE, FILE + ".manifest.json");
    }

    /** Every name in the outbox, hidden temporary files included, in order. */
    private static List<String> outbox() throws IOException {
        Path folder = Path.of(OUTBOX);
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private List<String> stepStatuses() {
        return jdbc.queryForList("""
                select step_name || ' ' || status from batch_step_execution
                where step_name in ('settleRewardsStep', 'stageBankFileStep', 'writeBankFileStep')
                order by step_name, status""", String.class);
    }
}

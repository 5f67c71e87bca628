package jp.crowdpay.jobs.status;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatusAndReissueTest extends DatabaseTest {


    private LedgerFixture ledger;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void aCompletedNight() {
        ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0036");
        ledger.payableWorker(2, "0001");
        ledger.reward(1, 12_000, "2026-11-01");
        ledger.reward(2, 3_000, "2026-11-02");
        ledger.reward(2, 800, "2026-04-01");
        assertThat(execute(new PrintStream(new ByteArrayOutputStream()), System.err, "payout", "--date", "2026-11-25"))
                .isEqualTo(ExitCodes.OK);
    }

    @Test
    void reissuesTheSameBytesIntoTheReissuedFolderAndChangesNothingInTheLedger() throws Exception {
        // given
        String ledgerBefore = ledger.snapshot();
        String batchBefore = jdbc.queryForList("select job_execution_id || status from batch_job_execution", String.class).toString();
        // when
        int exit = execute(new PrintStream(out, true), new PrintStream(err, true), "reissue", "--date", "2026-11-25");
        // then
        assertThat(exit).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(ExitCodes.OK);
        for (String file : new String[] {"payout-20261125.csv", "payout-20261125.csv.manifest.json"}) {
            assertThat(Files.readAllBytes(Path.of(OUTBOX, "reissued", file))).isEqualTo(Files.readAllBytes(Path.of(OUTBOX, file)));
        }
        assertThat(ledger.snapshot()).isEqualTo(ledgerBefore);
        assertThat(jdbc.queryForList("select job_execution_id || status from batch_job_execution", String.class).toString())
                .isEqualTo(batchBefore);
        assertThat(jdbc.queryForMap("select file, sha256 from bank_file_reissue"))
                .containsEntry("file", "payout-20261125.csv")
                .containsEntry("sha256", jdbc.queryForObject("select bank_file_sha256 from payout_run", String.class));
    }

    @Test
    void refusesToReissueADateWithoutACompletedPayout() {
        // when
        int exit = execute(new PrintStream(out, true), new PrintStream(err, true), "reissue", "--date", "2026-11-24");
        // then
        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("there is no completed payout for 2026-11-24");
        assertThat(Files.exists(Path.of(OUTBOX, "reissued"))).isFalse();
    }

    @Test
    void listsTheRunWithItsStateCountsTotalsAndFile() {
        // when
        execute(new PrintStream(out, true), System.err, "status");
        // then: worker 1 is paid 11,900 (fee 100), worker 2 2,500 (fee 500); 800 yen expired
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).containsPattern(
                "  2026-11-25  COMPLETED +\\d+ +1  \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+09:00  \\d\\d:\\d\\d:\\d\\d +2 +2 +14,400 +800 +0 +0"
                        + "  payout-20261125.csv");
        assertThat(printed).contains("lockReleaseJob").contains("(no runs)");
    }

    @Test
    void showsOnlyTheRunsOfTheRequestedDate() {
        // when
        execute(new PrintStream(out, true), System.err, "status", "--date", "2026-11-24");
        // then
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("2026-11-25  COMPLETED");
    }
}

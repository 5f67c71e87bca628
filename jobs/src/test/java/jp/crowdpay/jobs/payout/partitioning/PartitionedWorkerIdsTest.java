package jp.crowdpay.jobs.payout.partitioning;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** Worker-id ranges on local threads cover every id there can be, 0 and below included. */
@TestPropertySource(properties = "payout.partitions=2")
class PartitionedWorkerIdsTest extends DatabaseTest {

    @Test
    void partitionsGiveWorkersWithIdsOfZeroAndBelowAnOutcomeAndTheRunProvesEveryWorkerWasConsidered() {
        // given: workers -3, 0 and 5, split into two ranges by the ids the worker table holds
        LedgerFixture ledger = new LedgerFixture(jdbc);
        for (long worker : new long[] {-3, 0, 5}) {
            ledger.worker(worker, "ON_DEMAND").account(worker, "0001", "101", 1, "1000000", "ﾃｽﾄ");
            ledger.reward(worker, 2_000, "2026-11-20");
        }
        // when
        int exit = execute(new PrintStream(new ByteArrayOutputStream()), System.err, "payout", "--date", "2026-11-25");
        // then
        assertThat(exit).isEqualTo(ExitCodes.OK);
        assertThat(ledger.payouts("2026-11-25")).extracting(row -> row.get("worker_id")).containsExactly(0L, 5L);
        // a customer code is never negative: the csv file cannot hold worker -3's line
        assertThat(jdbc.queryForList("select worker_id || ' ' || reason from payout_exception", String.class))
                .containsExactly("-3 BANK_FILE_LIMIT");
        assertThat(jdbc.queryForObject("select workers_in_scope from payout_run", Long.class)).isEqualTo(3);
        assertThat(jdbc.queryForObject("select count(*) from batch_step_execution where step_name like 'payWorkersPartitionStep:%'",
                Long.class)).isEqualTo(2);
    }
}

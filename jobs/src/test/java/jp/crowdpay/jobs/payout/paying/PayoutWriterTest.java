package jp.crowdpay.jobs.payout.paying;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.math.BigInteger;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import jp.crowdpay.jobs.bankfile.CsvBankFileFormat;
import jp.crowdpay.jobs.payout.marking.PaidRewardsMarking;
import jp.crowdpay.jobs.payout.rules.AccountChecker;
import jp.crowdpay.jobs.payout.rules.BankFileFit;
import jp.crowdpay.jobs.payout.run.PayoutLedger;
import jp.crowdpay.jobs.payout.run.PayoutRun;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/** One chunk of the paying step, written in a transaction of its own as the step writes it. */
class PayoutWriterTest extends DatabaseTest {

    private static final LocalDate NIGHT = LocalDate.of(2026, 11, 25);

    @Autowired
    private PlatformTransactionManager transactionManager;

    @Autowired
    private PayoutProperties settings;

    @Test
    void recordsThePayoutAndItsTallyAndLeavesTheRewardsToTheMarkingStep() {
        // given: the reader saw worker 1's 2 rewards, 5,000 yen
        LedgerFixture ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0001");
        ledger.reward(1, 4_000, "2026-11-20");
        ledger.reward(1, 1_000, "2026-11-21");
        PayoutLedger runs = new PayoutLedger(jdbc);
        PayoutRun run = runs.open(NIGHT, NIGHT.minusDays(180));
        TransactionTemplate savepoint = new TransactionTemplate(transactionManager);
        savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
        PayoutWriter writer = new PayoutWriter(new ChunkLedger(jdbc, new PaidRewardsMarking(jdbc), run, true),
                new PlatformRows(jdbc, savepoint, new LockWaitLog(jdbc.getDataSource()), Duration.ofSeconds(1), "payWorkersStep"),
                new WorkersSetAside(jdbc), savepoint, settings.withdrawalRule(), new AccountChecker(Optional.empty()),
                new BankFileFit(new CsvBankFileFormat()), settings.lockedRowsRule(), "payWorkersStep");
        UnpaidRewards read = new UnpaidRewards(1, 2, BigInteger.valueOf(5_000));
        // when
        new TransactionTemplate(transactionManager).executeWithoutResult(chunk -> {
            try {
                writer.write(new Chunk<>(List.of(read)));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // then
        assertThat(ledger.payouts(NIGHT.toString())).extracting(row -> row.get("reward_count"), row -> row.get("gross_yen"))
                .containsExactly(tuple(2, 5_000L));
        // marked paid by settleRewardsStep, range by range of reward ids, not by the chunk
        assertThat(jdbc.queryForObject("select count(*) from reward where status = 'UNPAID'", Long.class)).isEqualTo(2);
        assertThat(jdbc.queryForObject("select workers || ' ' || balance_yen from payout_run_tally", String.class))
                .isEqualTo("1 5000");
    }
}

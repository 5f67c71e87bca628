package jp.crowdpay.jobs.payout.marking;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import jp.crowdpay.jobs.cli.ExitCodes;
import jp.crowdpay.jobs.support.DatabaseTest;
import jp.crowdpay.jobs.support.LedgerFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

/**
 * The expiry and the marking are two passes over ranges of reward ids, each range a partition:
 * the opening finds where each kind of reward lies (the highest id that expires tonight, the
 * lowest the run pays from), the expiry's ranges end at the first and the marking's begin at the
 * second. A run opened by an earlier release, which recorded neither, settles from its lowest
 * unpaid reward to its watermark in both passes. Business date 2026-11-25, deadline 180 days: a
 * reward confirmed on 2026-05-29 is payable tonight (its last day), one of 2026-05-28 expires.
 */
@TestPropertySource(properties = "payout.mark-paid=by-ranges")
class ExpiryBesideMarkingTest extends DatabaseTest {

    private static final String DATE = "2026-11-25";

    @Autowired
    private JobRepository jobRepository;

    private LedgerFixture ledger;

    @BeforeEach
    void fixture() {
        ledger = new LedgerFixture(jdbc);
        ledger.payableWorker(1, "0001");
    }

    @Test
    void theOpeningFindsTheLastRewardThatExpiresAndTheFirstThePayoutsComeFrom() {
        // given: ids out of date order, so that the spans overlap
        ledger.reward(10, 1, 3_000, "2026-05-28"); // deadline 2026-11-24, the day before: expires
        ledger.reward(11, 1, 2_000, "2026-05-29"); // deadline 2026-11-25, the business date: paid
        ledger.reward(12, 1, 1_000, "2026-11-20");
        ledger.reward(13, 1, 500, "2026-05-01"); // expires: the highest id that does
        ledger.reward(14, 1, 700, "2026-11-26"); // the day after the business date: the next night's
        // when
        Captured run = executeCapturing("payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForMap("select last_expiring_reward_id, first_payable_reward_id, settling_spans_recorded,"
                        + " expired_count, expired_yen, marked_rewards, marked_yen from payout_run"))
                .containsEntry("last_expiring_reward_id", 13L).containsEntry("first_payable_reward_id", 11L)
                .containsEntry("settling_spans_recorded", true)
                .containsEntry("expired_count", 2L).containsEntry("expired_yen", new BigDecimal("3500"))
                .containsEntry("marked_rewards", 2L).containsEntry("marked_yen", new BigDecimal("3000"));
        assertThat(ledger.statusAndPayoutWorker(10)).isEqualTo("EXPIRED -");
        assertThat(ledger.statusAndPayoutWorker(11)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(12)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(13)).isEqualTo("EXPIRED -");
        assertThat(ledger.statusAndPayoutWorker(14)).isEqualTo("UNPAID -");
        // two ranges each (one per settling thread): the expiry's ids 10-13, the marking's 11-14
        assertThat(stepStatuses()).containsExactly("settleRewardRangeStep:expiry0 10-11 COMPLETED",
                "settleRewardRangeStep:expiry1 12-13 COMPLETED", "settleRewardRangeStep:marking0 11-12 COMPLETED",
                "settleRewardRangeStep:marking1 13-14 COMPLETED");
    }

    @Test
    void aNightWithNothingToExpireHasNoExpirySpanAndExpiresNothing() {
        // given: every reward within its deadline, the oldest on its last day
        ledger.reward(20, 1, 1_200, "2026-05-29");
        ledger.reward(21, 1, 800, "2026-11-25");
        // when
        Captured run = executeCapturing("payout", "--date", DATE);
        // then
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(jdbc.queryForMap("select last_expiring_reward_id, first_payable_reward_id, expired_count from payout_run"))
                .containsEntry("last_expiring_reward_id", null).containsEntry("first_payable_reward_id", 20L)
                .containsEntry("expired_count", 0L);
        assertThat(ledger.statusAndPayoutWorker(20)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(21)).isEqualTo("PAID 1");
        assertThat(stepStatuses()).containsExactly("settleRewardRangeStep:marking0 20-20 COMPLETED",
                "settleRewardRangeStep:marking1 21-21 COMPLETED");
    }

    /** What is simulated: a run that an earlier release opened and that failed in its paying step. */
    @Test
    void aRunOpenedBeforeTheSpansWereRecordedSettlesFromItsLowestUnpaidRewardToItsWatermark() {
        // given
        ledger.reward(30, 1, 900, "2026-05-01"); // expires
        ledger.reward(31, 1, 1_500, "2026-11-20");
        ledger.reward(32, 1, 400, "2026-05-02"); // expires
        Captured failed = executeWithTestTrigger("before insert", "payout", "raise exception 'injected failure';",
                "payout", "--date", DATE);
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        jdbc.update("update payout_run set settling_spans_recorded = false, last_expiring_reward_id = null,"
                + " first_payable_reward_id = null");
        // when
        Captured continued = executeCapturing("payout", "--date", DATE);
        // then: had the missing spans read as "nothing of that kind", 30 and 32 would be unpaid and 31 unmarked
        assertThat(continued.exitCode()).as(continued.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.statusAndPayoutWorker(30)).isEqualTo("EXPIRED -");
        assertThat(ledger.statusAndPayoutWorker(31)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(32)).isEqualTo("EXPIRED -");
        assertThat(jdbc.queryForMap("select expired_count, marked_rewards, completed_at is not null as completed from payout_run"))
                .containsEntry("expired_count", 2L).containsEntry("marked_rewards", 1L).containsEntry("completed", true);
    }

    /**
     * What is simulated: a process killed while Spring Batch cut the settling into ranges, between
     * saving a partition and saving its context (two transactions in Spring Batch 6). The range
     * then has no ids; continued, it settles the whole span of its pass, and the night ends as an
     * uninterrupted one.
     */
    @Test
    void aRangeThatLostItsIdsSettlesTheWholeSpanOfItsPass() {
        // given: a night whose marking failed, one of its marking ranges without a context
        ledger.reward(10, 1, 3_000, "2026-05-28"); // expires
        ledger.reward(11, 1, 2_000, "2026-05-29");
        ledger.reward(12, 1, 1_000, "2026-11-20");
        ledger.reward(13, 1, 500, "2026-05-01"); // expires
        ledger.reward(14, 1, 700, "2026-11-20");
        Captured failed = executeWithTestTrigger("before update", "reward",
                "if new.status = 'PAID' then raise exception 'injected failure'; end if;", "payout", "--date", DATE);
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        StepExecution lost = jobRepository.getStepExecution(jdbc.queryForObject(
                "select step_execution_id from batch_step_execution where step_name = 'settleRewardRangeStep:marking1'", Long.class));
        lost.setExecutionContext(new ExecutionContext());
        jobRepository.updateExecutionContext(lost);
        // when
        Captured continued = executeCapturing("payout", "--date", DATE);
        // then: every payable reward paid once, the run's totals counted once
        assertThat(continued.exitCode()).as(continued.err()).isEqualTo(ExitCodes.OK);
        assertThat(ledger.statusAndPayoutWorker(11)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(12)).isEqualTo("PAID 1");
        assertThat(ledger.statusAndPayoutWorker(14)).isEqualTo("PAID 1");
        assertThat(jdbc.queryForMap("select expired_count, marked_rewards, marked_yen from payout_run"))
                .containsEntry("expired_count", 2L).containsEntry("marked_rewards", 3L)
                .containsEntry("marked_yen", new BigDecimal("3700"));
    }

    private List<String> stepStatuses() {
        return jdbc.queryForList("""
                select step_execution_id from batch_step_execution
                where step_name like 'settleRewardRangeStep:%' order by step_name""", Long.class).stream()
                .map(jobRepository::getStepExecution)
                .map(range -> range.getStepName() + " " + range.getExecutionContext().getLong(SettleRewardsTasklet.FIRST) + "-"
                        + range.getExecutionContext().getLong(SettleRewardsTasklet.LAST) + " " + range.getStatus())
                .toList();
    }
}

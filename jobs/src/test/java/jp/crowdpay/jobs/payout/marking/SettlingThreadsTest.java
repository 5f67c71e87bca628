package jp.crowdpay.jobs.payout.marking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;

class SettlingThreadsTest {

    private final JobExecution job = new JobExecution(1, new JobInstance(1, "nightlyPayoutJob"), new JobParameters());
    private final StepExecution manager = new StepExecution(1, "settleRewardsStep", job);

    private Set<StepExecution> ranges(String... names) {
        Set<StepExecution> ranges = new LinkedHashSet<>();
        long id = 2;
        for (String name : names) {
            ranges.add(new StepExecution(id++, "settleRewardRangeStep:" + name, job));
        }
        return ranges;
    }

    @Test
    void takesTheExpirysRangesFirstThenTheMarkingsEachInIdOrder() throws Exception {
        // given: one thread, the ranges in the splitter's (hash) order, more than ten of a pass
        List<String> taken = new CopyOnWriteArrayList<>();
        Step step = range -> taken.add(range.getStepName().substring(range.getStepName().indexOf(':') + 1));
        // when
        new SettlingThreads(step, 1).doHandle(manager, ranges("marking10", "expiry1", "marking2", "expiry0", "marking0"));
        // then: marking10 after marking2, not between marking0 and marking2 as the names sort
        assertThat(taken).containsExactly("expiry0", "expiry1", "marking0", "marking2", "marking10");
    }

    @Test
    void aThreadDoneWithItsRangeTakesTheNextWhileTheOtherIsStillBusy() throws Exception {
        // given: two threads; the first range is held until every other range is done
        CountDownLatch othersDone = new CountDownLatch(3);
        List<String> taken = new CopyOnWriteArrayList<>();
        Step step = range -> {
            String name = range.getStepName().substring(range.getStepName().indexOf(':') + 1);
            if (name.equals("expiry0")) {
                try {
                    assertThat(othersDone.await(30, TimeUnit.SECONDS)).isTrue();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                taken.add(name);
            } else {
                taken.add(name);
                othersDone.countDown();
            }
        };
        // when
        Set<StepExecution> settled = new SettlingThreads(step, 2).doHandle(manager,
                ranges("expiry0", "marking0", "marking1", "marking2"));
        // then: the second thread took the three others one after the other
        assertThat(taken).containsExactly("marking0", "marking1", "marking2", "expiry0");
        assertThat(settled).hasSize(4);
    }

    @Test
    void aRangeThatThrowsFailsTheSettlingOnlyOnceEveryOtherRangeHasEnded() {
        // given
        List<String> ended = new CopyOnWriteArrayList<>();
        Step step = range -> {
            if (range.getStepName().endsWith(":marking0")) {
                throw new IllegalStateException("broken range");
            }
            ended.add(range.getStepName());
        };
        // when / then
        assertThatThrownBy(() -> new SettlingThreads(step, 2).doHandle(manager,
                ranges("marking0", "marking1", "marking2", "marking3")))
                .isInstanceOf(ExecutionException.class).hasRootCauseMessage("broken range");
        assertThat(ended).hasSize(3);
    }
}

package jp.crowdpay.jobs.payout.partitioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.batch.core.BatchStatus.COMPLETED;
import static org.springframework.batch.core.BatchStatus.FAILED;
import static org.springframework.batch.core.BatchStatus.STARTED;
import static org.springframework.batch.core.BatchStatus.STARTING;

import java.time.Duration;
import java.util.List;
import jp.crowdpay.jobs.payout.partitioning.PartitionWatch.Partition;
import jp.crowdpay.jobs.payout.settings.PayoutProperties;
import jp.crowdpay.jobs.settings.InvalidSettingException;
import org.junit.jupiter.api.Test;

class PartitionWatchTest {

    private static final long T0 = 1_000_000_000L;
    private static final long TIMEOUT = Duration.ofMinutes(5).toNanos();

    private final PartitionWatch watch = new PartitionWatch("payWorkersStep", Duration.ofMinutes(5), "payout.partitions", T0);

    @Test
    void partitionsNoWorkerTookGiveUpExactlyAtTheTimeoutNamingTheQueue() {
        // given two partitions in the queue, untouched
        List<Partition> waiting = List.of(new Partition(1, STARTING, 0), new Partition(2, STARTING, 0));
        // when
        PartitionWatch.Verdict justBefore = watch.observe(waiting, T0 + TIMEOUT - 1);
        PartitionWatch.Verdict atTimeout = watch.observe(waiting, T0 + TIMEOUT);
        // then
        assertThat(justBefore).isInstanceOf(PartitionWatch.Waiting.class);
        assertThat(((PartitionWatch.Waiting) justBefore).description())
                .startsWith("waiting for 2 of 2 partitions: 2 not taken by a worker yet from queue 'payout.partitions', 0 being paid, 0 ended");
        assertThat(atTimeout).isInstanceOf(PartitionWatch.NoWorker.class);
        assertThat(((PartitionWatch.NoWorker) atTimeout).problem()).startsWith("no worker took a partition of payWorkersStep"
                + " within payout.remote.timeout (PT5M): 2 of 2 partitions wait in queue 'payout.partitions' and none is being paid");
    }

    @Test
    void aPartitionBeingPaidIsWaitedForHoweverLongItTakes() {
        // given one partition taken by a worker that commits nothing for long, one still in the queue
        List<Partition> onePaying = List.of(new Partition(1, STARTED, 3), new Partition(2, STARTING, 0));
        watch.observe(onePaying, T0);
        // when
        PartitionWatch.Verdict muchLater = watch.observe(onePaying, T0 + 10 * TIMEOUT);
        // then
        assertThat(muchLater).isInstanceOf(PartitionWatch.Waiting.class);
    }

    @Test
    void anyChangeRestartsTheClock() {
        // given a worker that finished the first partition just before the timeout, and then went away
        watch.observe(List.of(new Partition(1, STARTED, 3), new Partition(2, STARTING, 0)), T0);
        List<Partition> afterwards = List.of(new Partition(1, COMPLETED, 4), new Partition(2, STARTING, 0));
        watch.observe(afterwards, T0 + TIMEOUT - 1);
        // when
        PartitionWatch.Verdict atFirstTimeout = watch.observe(afterwards, T0 + TIMEOUT);
        PartitionWatch.Verdict aTimeoutAfterTheChange = watch.observe(afterwards, T0 + 2 * TIMEOUT - 1);
        // then
        assertThat(atFirstTimeout).isInstanceOf(PartitionWatch.Waiting.class);
        assertThat(aTimeoutAfterTheChange).isInstanceOf(PartitionWatch.NoWorker.class);
    }

    @Test
    void everyPartitionEndedWhateverItsOutcomeEndsTheWait() {
        // when
        PartitionWatch.Verdict verdict = watch.observe(List.of(new Partition(1, COMPLETED, 9), new Partition(2, FAILED, 4)),
                T0 + 2 * TIMEOUT);
        // then
        assertThat(verdict).isInstanceOf(PartitionWatch.AllEnded.class);
    }

    @Test
    void aTimeoutThatIsNotPositiveOrShorterThanThePollIntervalIsRefusedNamingTheSetting() {
        // when / then
        assertThatThrownBy(() -> new PayoutProperties.Remote("q", Duration.ofSeconds(2), Duration.ZERO))
                .isInstanceOf(InvalidSettingException.class).hasMessageStartingWith("payout.remote.timeout: must be positive");
        assertThatThrownBy(() -> new PayoutProperties.Remote("q", Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(InvalidSettingException.class)
                .hasMessageStartingWith("payout.remote.timeout: must be at least payout.remote.poll-interval (PT2S)");
        assertThat(new PayoutProperties.Remote("q", Duration.ofSeconds(2), Duration.ofSeconds(2)).timeout()).hasSeconds(2);
    }
}

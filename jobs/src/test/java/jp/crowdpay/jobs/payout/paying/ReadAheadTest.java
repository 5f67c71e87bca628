package jp.crowdpay.jobs.payout.paying;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.springframework.batch.infrastructure.item.ItemReader;
import org.springframework.dao.TransientDataAccessResourceException;

/** The balances' cursor read ahead on a thread of its own: the same items, in order, and its failures in their place. */
class ReadAheadTest {

    @Test
    void handsOverEveryItemInTheSourcesOrderThenTheEnd() throws Exception {
        // given: a source of 5,000 workers, read at most 3 ahead
        AtomicLong next = new AtomicLong();
        ItemReader<Long> source = () -> next.get() < 5_000 ? next.incrementAndGet() : null;
        List<Long> taken = new ArrayList<>();
        // when
        try (ReadAhead<Long> ahead = new ReadAhead<>(source, 3, "test-read-ahead")) {
            for (Long item = ahead.take(); item != null; item = ahead.take()) {
                taken.add(item);
            }
            // then: 1 to 5,000 once each, in order, and the end stays the end
            assertThat(ahead.take()).isNull();
        }
        assertThat(taken).hasSize(5_000);
        for (int i = 0; i < taken.size(); i++) {
            assertThat(taken.get(i)).isEqualTo(i + 1L);
        }
    }

    @Test
    void throwsTheSourcesFailureWhereTheSourceFailedAfterTheItemsBeforeIt() throws Exception {
        // given: a cursor that fails after its second row
        AtomicLong next = new AtomicLong();
        ItemReader<Long> source = () -> {
            if (next.get() == 2) {
                throw new TransientDataAccessResourceException("the connection was lost");
            }
            return next.incrementAndGet();
        };
        try (ReadAhead<Long> ahead = new ReadAhead<>(source, 10, "test-read-ahead")) {
            // when / then: the two rows, then the failure itself, then nothing more
            assertThat(ahead.take()).isEqualTo(1L);
            assertThat(ahead.take()).isEqualTo(2L);
            assertThatThrownBy(ahead::take).isInstanceOf(TransientDataAccessResourceException.class)
                    .hasMessage("the connection was lost");
            assertThat(ahead.take()).isNull();
        }
    }

    @Test
    @Timeout(10) // what it guards against is a wait that never ends
    void anErrorOfTheSourceReachesTheOneTakingInsteadOfLeavingItWaiting() throws Exception {
        // given: a source whose reading runs out of memory at its first row
        ItemReader<Long> source = () -> {
            throw new OutOfMemoryError("Java heap space");
        };
        try (ReadAhead<Long> ahead = new ReadAhead<>(source, 10, "test-read-ahead")) {
            // when / then
            assertThatThrownBy(ahead::take).isInstanceOf(OutOfMemoryError.class).hasMessage("Java heap space");
            assertThat(ahead.take()).isNull();
        }
    }

    @Test
    void closingStopsReadingSoThatTheSourceCanBeClosedAfter() throws Exception {
        // given: an endless source, of which the step takes one item and then stops (a failed chunk)
        AtomicLong reads = new AtomicLong();
        ItemReader<Long> source = reads::incrementAndGet;
        ReadAhead<Long> ahead = new ReadAhead<>(source, 4, "test-read-ahead-closed");
        assertThat(ahead.take()).isEqualTo(1L);
        // when
        ahead.close();
        // then: its thread has ended, having read no more than the queue's room and the item in hand past what was taken
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(thread -> thread.getName().equals("test-read-ahead-closed"));
        assertThat(reads.get()).isBetween(1L, 1L + 4 + 1);
    }
}

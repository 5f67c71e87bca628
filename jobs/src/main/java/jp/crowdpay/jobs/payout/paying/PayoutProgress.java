package jp.crowdpay.jobs.payout.paying;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Logs the paying step's progress at a steady pace (not per chunk): workers and rewards done,
 * the rate, and the time left estimated from the rewards still to go.
 */
class PayoutProgress implements ItemWriteListener<UnpaidRewards> {

    private static final Logger log = LoggerFactory.getLogger(PayoutProgress.class);

    private final long rewardsToGo;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private long lastLogged = started;
    private long workers;
    private long rewards;

    PayoutProgress(long rewardsInScope, Duration interval) {
        this.rewardsToGo = rewardsInScope;
        this.intervalNanos = interval.toNanos();
    }

    @Override
    public void afterWrite(Chunk<? extends UnpaidRewards> chunk) {
        for (UnpaidRewards worker : chunk) {
            workers++;
            rewards += worker.rewardCount();
        }
        long now = System.nanoTime();
        if (now - lastLogged >= intervalNanos) {
            lastLogged = now;
            double seconds = (now - started) / 1e9;
            double rewardsPerSecond = rewards / seconds;
            long secondsLeft = rewardsPerSecond > 0 ? (long) (Math.max(0, rewardsToGo - rewards) / rewardsPerSecond) : -1;
            log.info("payWorkersStep: {} workers, {} of at most {} rewards in {} s ({} rewards/s), about {} left",
                    workers, rewards, rewardsToGo, Math.round(seconds), Math.round(rewardsPerSecond),
                    secondsLeft < 0 ? "?" : Duration.ofSeconds(secondsLeft).toString().substring(2).toLowerCase());
        }
    }
}

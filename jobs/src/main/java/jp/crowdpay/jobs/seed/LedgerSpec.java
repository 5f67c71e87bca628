package jp.crowdpay.jobs.seed;

import java.time.LocalDate;
import java.util.Objects;

/**
 * What to generate. The same spec always yields the same rows.
 *
 * @param workers      workers, with ids 1..workers
 * @param rewards      rewards in total, with ids 1..rewards, spread unevenly over the workers
 * @param seed         the random seed
 * @param businessDate rewards are confirmed in the 240 days before it
 * @param population   the mix of worker categories
 */
public record LedgerSpec(int workers, long rewards, long seed, LocalDate businessDate, Population population) {

    /** The demo default, and the ratio of the default benchmark (1,000,000 workers, 10,000,000 rewards). */
    public static final int REWARDS_PER_WORKER = 10;

    /** Keeps a worker's rewards countable in an int and the generator's buffers small. */
    public static final int MAX_REWARDS_PER_WORKER = 10_000;

    public LedgerSpec {
        Objects.requireNonNull(businessDate, "businessDate");
        Objects.requireNonNull(population, "population");
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, not " + workers);
        }
        if (rewards < 0 || rewards > (long) workers * MAX_REWARDS_PER_WORKER) {
            throw new IllegalArgumentException("rewards must be between 0 and " + MAX_REWARDS_PER_WORKER
                    + " per worker (" + (long) workers * MAX_REWARDS_PER_WORKER + "), not " + rewards);
        }
    }

    /** A ledger of the given size with the default number of rewards per worker. */
    public static LedgerSpec of(int workers, long seed, LocalDate businessDate, Population population) {
        return new LedgerSpec(workers, (long) workers * REWARDS_PER_WORKER, seed, businessDate, population);
    }
}

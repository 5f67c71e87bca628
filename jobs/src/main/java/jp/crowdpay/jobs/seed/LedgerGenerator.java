package jp.crowdpay.jobs.seed;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import jp.crowdpay.jobs.payout.rules.WithdrawalMethod;

/**
 * A synthetic reward ledger, row by row, as a pure function of its {@link LedgerSpec}: no
 * database, no clock. Every worker draws from random streams of its own, keyed by seed and
 * worker id, so a row never depends on the order in which rows are asked for and the tables
 * can be produced one after the other (as COPY needs) without holding the ledger in memory.
 * Memory is one int per worker (its number of rewards).
 */
public final class LedgerGenerator {

    /** Rewards are confirmed on one of the 240 days before the business date; a quarter are past the 180-day deadline. */
    public static final int SPREAD_DAYS = 240;
    public static final long MIN_AMOUNT_YEN = 100;
    public static final long MAX_AMOUNT_YEN = 20_099;

    public record Worker(long id, String displayName, WithdrawalMethod withdrawalMethod, boolean payoutHold) {
    }

    /** {@code valid} says whether the bank's field rules accept it; it is not a column. */
    public record BankAccount(long workerId, String bankCode, String branchCode, int accountType,
                              String accountNumber, String payeeName, boolean valid) {
    }

    /** Receives the rewards without an object per row: there may be tens of millions. */
    @FunctionalInterface
    public interface RewardSink {
        void reward(long id, long workerId, long amountYen, LocalDate confirmedOn);
    }

    private enum Stream { PROFILE, WEIGHT, REWARDS }

    private record Profile(Worker worker, BankAccount bankAccount) {
    }

    private final LedgerSpec spec;
    private final long mixedSeed;
    private final int[] rewardCounts;
    /** daysAgo[n] is the business date minus n days. */
    private final LocalDate[] daysAgo;

    public LedgerGenerator(LedgerSpec spec) {
        this.spec = spec;
        this.mixedSeed = mix64(spec.seed());
        this.rewardCounts = rewardCounts();
        this.daysAgo = new LocalDate[SPREAD_DAYS + 1];
        for (int n = 0; n <= SPREAD_DAYS; n++) {
            daysAgo[n] = spec.businessDate().minusDays(n);
        }
    }

    /** Workers in id order. */
    public void workers(Consumer<Worker> sink) {
        for (long id = 1; id <= spec.workers(); id++) {
            sink.accept(profile(id).worker);
        }
    }

    /** Bank accounts in worker id order; workers without one are skipped. */
    public void bankAccounts(Consumer<BankAccount> sink) {
        for (long id = 1; id <= spec.workers(); id++) {
            BankAccount account = profile(id).bankAccount;
            if (account != null) {
                sink.accept(account);
            }
        }
    }

    /**
     * Rewards with ids 1..rewards, grouped by worker in worker id order, oldest first within a
     * worker: the clustered layout, where a worker's rewards lie next to each other.
     */
    public void rewards(RewardSink sink) {
        long[] id = {0};
        drawRewards((worker, count, ages, amounts) -> {
            for (int i = count - 1; i >= 0; i--) {
                sink.reward(++id[0], worker, amounts[i], daysAgo[ages[i]]);
            }
        });
    }

    /** The same rewards in the given layout: {@link RewardLayout#SCATTERED} numbers them in confirmation order. */
    public void rewards(RewardLayout layout, RewardSink sink) {
        if (layout == RewardLayout.CLUSTERED) {
            rewards(sink);
        } else {
            scatteredRewards(ScatteredRewards.BAND_REWARDS, sink);
        }
    }

    /** The band size changes only the memory and the passes it takes, never the rows. */
    void scatteredRewards(int bandRewards, RewardSink sink) {
        new ScatteredRewards(spec, mixedSeed, daysAgo, bandRewards).emit(this::drawRewards, sink);
    }

    /** Every worker's rewards, drawn from the worker's own stream; index i holds age and amount of one reward. */
    @FunctionalInterface
    interface WorkerRewards {
        /** @param ages days before the business date, ascending; only the first {@code count} entries are the worker's */
        void accept(int worker, int count, int[] ages, long[] amounts);
    }

    private void drawRewards(WorkerRewards sink) {
        int[] ages = new int[64];
        long[] amounts = new long[64];
        for (int worker = 1; worker <= spec.workers(); worker++) {
            int count = rewardCounts[worker - 1];
            if (count == 0) {
                continue;
            }
            if (ages.length < count) {
                ages = new int[Math.max(count, ages.length * 2)];
                amounts = new long[ages.length];
            }
            SplittableRandom random = random(worker, Stream.REWARDS);
            for (int i = 0; i < count; i++) {
                ages[i] = 1 + random.nextInt(SPREAD_DAYS);
            }
            Arrays.sort(ages, 0, count);
            // amounts are drawn oldest first: the order the clustered layout has always had
            for (int i = count - 1; i >= 0; i--) {
                amounts[i] = MIN_AMOUNT_YEN + random.nextLong(MAX_AMOUNT_YEN - MIN_AMOUNT_YEN + 1);
            }
            sink.accept(worker, count, ages, amounts);
        }
    }

    private Profile profile(long id) {
        Population population = spec.population();
        SplittableRandom random = random(id, Stream.PROFILE);
        Names names = Names.draw(random);
        double method = random.nextDouble();
        WithdrawalMethod withdrawalMethod = method < population.onDemand() ? WithdrawalMethod.ON_DEMAND
                : method < population.onDemand() + population.min50000() ? WithdrawalMethod.MIN_50000
                : WithdrawalMethod.CARRY_OVER;
        boolean hold = random.nextDouble() < population.onHold();
        Worker worker = new Worker(id, names.displayName(), withdrawalMethod, hold);

        double account = random.nextDouble();
        boolean fullWidth = random.nextDouble() < population.fullWidthPayeeName();
        if (account < population.withoutBankAccount()) {
            return new Profile(worker, null);
        }
        if (account < population.withoutBankAccount() + population.invalidBankAccount()) {
            return new Profile(worker, BankAccounts.invalid(id, names, random));
        }
        return new Profile(worker, BankAccounts.valid(id, names, fullWidth, random));
    }

    /**
     * Shares the rewards out in proportion to a weight per worker: a quarter of the workers take
     * a task now and then (many end with a balance under 1,000 yen or none), most work steadily,
     * a fifth work a lot. Rounding the running total makes the counts add up exactly.
     */
    private int[] rewardCounts() {
        int workers = spec.workers();
        double total = 0;
        for (int worker = 1; worker <= workers; worker++) {
            total += weight(worker);
        }
        int[] counts = new int[workers];
        double cumulative = 0;
        long allotted = 0;
        for (int worker = 1; worker <= workers; worker++) {
            cumulative += weight(worker);
            long upTo = worker == workers ? spec.rewards() : Math.round(spec.rewards() * (cumulative / total));
            counts[worker - 1] = Math.toIntExact(upTo - allotted);
            allotted = upTo;
        }
        return counts;
    }

    private double weight(long worker) {
        SplittableRandom random = random(worker, Stream.WEIGHT);
        double kind = random.nextDouble();
        if (kind < 0.25) {
            return random.nextDouble(0.02, 0.2);
        }
        if (kind < 0.80) {
            return random.nextDouble(0.5, 1.5);
        }
        return random.nextDouble(1.5, 3.5);
    }

    // SplittableRandom seeded with neighbouring values yields shifted copies of one sequence;
    // hashing seed, worker and stream together gives every worker an unrelated stream.
    private SplittableRandom random(long worker, Stream stream) {
        return new SplittableRandom(mix64(mixedSeed + mix64(worker * Stream.values().length + stream.ordinal())));
    }

    /** Stafford's variant 13 of the MurmurHash3 finaliser, as SplittableRandom itself uses. */
    static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}

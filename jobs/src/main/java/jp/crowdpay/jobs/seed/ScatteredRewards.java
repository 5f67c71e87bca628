package jp.crowdpay.jobs.seed;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Numbers the generated rewards in confirmation order across all workers, the way the platform
 * assigns ids as rewards are confirmed: oldest day first, and within a day in an order drawn from
 * the seed, so that a worker's rewards end up scattered over the whole table. Sorting tens of
 * millions of rows at once would hold the ledger in memory; instead the days are cut into bands
 * of about {@link #BAND_REWARDS} rewards, and each band is drawn again from the generator and
 * sorted on its own (16 bytes per reward of one band, whatever the size of the ledger).
 */
final class ScatteredRewards {

    static final int BAND_REWARDS = 4_000_000;

    private static final int INDEX_BITS = 32;
    private static final int TIEBREAK_BITS = 23;

    private final LedgerSpec spec;
    private final long mixedSeed;
    private final LocalDate[] daysAgo;
    private final int bandRewards;

    ScatteredRewards(LedgerSpec spec, long mixedSeed, LocalDate[] daysAgo, int bandRewards) {
        this.spec = spec;
        this.mixedSeed = mixedSeed;
        this.daysAgo = daysAgo;
        this.bandRewards = bandRewards;
    }

    /** @param draw replays every worker's rewards, the same each time it is called */
    void emit(Consumer<LedgerGenerator.WorkerRewards> draw, LedgerGenerator.RewardSink sink) {
        int days = LedgerGenerator.SPREAD_DAYS;
        int bands = (int) Math.min(days, Math.max(1, (spec.rewards() + bandRewards - 1) / bandRewards));
        long id = 0;
        // band b holds the ages (days before the business date) oldest..youngest, from days down to 1
        for (int band = 0; band < bands; band++) {
            int oldest = days - band * days / bands;
            int youngest = days - (band + 1) * days / bands + 1;
            id = emitBand(draw, oldest, youngest, id, sink);
        }
    }

    private long emitBand(Consumer<LedgerGenerator.WorkerRewards> draw, int oldest, int youngest, long lastId,
                          LedgerGenerator.RewardSink sink) {
        Band band = new Band((int) Math.min(Integer.MAX_VALUE - 8, spec.rewards() / LedgerGenerator.SPREAD_DAYS
                * (oldest - youngest + 1) * 11 / 10 + 16));
        draw.accept((worker, count, ages, amounts) -> {
            for (int i = 0; i < count; i++) {
                if (ages[i] >= youngest && ages[i] <= oldest) {
                    band.add(ages[i], tiebreak(worker, i), worker, amounts[i]);
                }
            }
        });
        return band.emit(lastId, sink);
    }

    /** Where a reward falls among those of its day: a pure function of seed, worker and reward. */
    private long tiebreak(int worker, int reward) {
        long key = LedgerGenerator.mix64(mixedSeed ^ LedgerGenerator.mix64((long) worker * LedgerSpec.MAX_REWARDS_PER_WORKER + reward));
        return key & ((1L << TIEBREAK_BITS) - 1);
    }

    /** One band's rewards; sort keys hold (day, tiebreak, index), so one sort of a long[] orders them. */
    private final class Band {
        private long[] keys;
        private int[] workers;
        private int[] amounts;
        private int size;

        Band(int capacity) {
            keys = new long[capacity];
            workers = new int[capacity];
            amounts = new int[capacity];
        }

        void add(int age, long tiebreak, int worker, long amountYen) {
            if (size == keys.length) {
                int grown = Math.toIntExact(Math.min(Integer.MAX_VALUE - 8L, size * 3L / 2 + 16));
                keys = Arrays.copyOf(keys, grown);
                workers = Arrays.copyOf(workers, grown);
                amounts = Arrays.copyOf(amounts, grown);
            }
            // older first: the key grows as the age shrinks
            keys[size] = (long) (LedgerGenerator.SPREAD_DAYS - age) << (TIEBREAK_BITS + INDEX_BITS)
                    | tiebreak << INDEX_BITS | size;
            workers[size] = worker;
            amounts[size] = Math.toIntExact(amountYen);
            size++;
        }

        long emit(long lastId, LedgerGenerator.RewardSink sink) {
            Arrays.sort(keys, 0, size);
            long id = lastId;
            for (int i = 0; i < size; i++) {
                int index = (int) (keys[i] & 0xFFFF_FFFFL);
                int age = LedgerGenerator.SPREAD_DAYS - (int) (keys[i] >>> (TIEBREAK_BITS + INDEX_BITS));
                sink.reward(++id, workers[index], amounts[index], daysAgo[age]);
            }
            return id;
        }
    }
}

package jp.crowdpay.jobs.close;

import java.math.BigInteger;

/** A number of rewards (or payouts) and their yen; yen summed without a range to pass. */
record Tally(long count, BigInteger yen) {

    static final Tally ZERO = new Tally(0, BigInteger.ZERO);

    static Tally of(long count, long yen) {
        return new Tally(count, BigInteger.valueOf(yen));
    }

    Tally plus(Tally other) {
        return new Tally(count + other.count, yen.add(other.yen));
    }

    Tally minus(Tally other) {
        return new Tally(count - other.count, yen.subtract(other.yen));
    }

    @Override
    public String toString() {
        return String.format("%,d yen in %,d %s", yen, count, count == 1 ? "reward" : "rewards");
    }
}

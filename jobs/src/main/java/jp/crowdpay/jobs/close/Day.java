package jp.crowdpay.jobs.close;

import java.math.BigInteger;
import java.time.LocalDate;

/**
 * The movements of one business date of a month.
 *
 * @param nightRunId          the night of the date; null for a night confirmed as missed
 * @param confirmed           rewards confirmed on the date, returned transfers' credits apart
 * @param recredited          returned transfers credited back to the workers, the return date being this date
 * @param recreditedFeeRefund the part of {@code recredited} that refunds a fee (payout.returns.refund-fee): no cash came back for it
 * @param paid                the payouts of the date's night, as its bank file carried them
 * @param expired             rewards the date's night forfeited at their deadline
 */
record Day(LocalDate date, Long nightRunId, Tally confirmed, Tally recredited, BigInteger recreditedFeeRefund, Paid paid,
           Tally expired) {

    /** Payouts, the rewards they cover, their gross and how it splits into fees and the amount transferred. */
    record Paid(long payouts, long rewards, BigInteger gross, BigInteger fee, BigInteger transferred) {

        static final Paid NONE = new Paid(0, 0, BigInteger.ZERO, BigInteger.ZERO, BigInteger.ZERO);

        Paid plus(Paid other) {
            return new Paid(payouts + other.payouts, rewards + other.rewards, gross.add(other.gross), fee.add(other.fee),
                    transferred.add(other.transferred));
        }

        /** What the payouts take off the liability: their rewards, at their gross. */
        Tally rewardsAtGross() {
            return new Tally(rewards, gross);
        }
    }

    boolean missedNight() {
        return nightRunId == null;
    }
}

package jp.crowdpay.jobs.close;

import java.math.BigInteger;
import java.time.YearMonth;
import java.util.List;
import java.util.function.Function;

/**
 * A month's liability to its workers rolled forward: what they were owed when it began, plus the
 * rewards that arrived dated before it after the previous close (booked on its first day), plus
 * what each business date confirmed and re-credited, less what its night paid (gross) and
 * forfeited, is what they are owed when it ends. In rewards and in yen.
 */
record RollForward(YearMonth month, Tally opening, Tally lateConfirmed, Tally lateRecredited,
                   BigInteger lateRecreditedFeeRefund, List<Day> days) {

    Tally confirmed() {
        return sum(Day::confirmed);
    }

    Tally recredited() {
        return sum(Day::recredited);
    }

    BigInteger recreditedFeeRefund() {
        return days.stream().map(Day::recreditedFeeRefund).reduce(BigInteger.ZERO, BigInteger::add);
    }

    Day.Paid paid() {
        return days.stream().map(Day::paid).reduce(Day.Paid.NONE, Day.Paid::plus);
    }

    Tally expired() {
        return sum(Day::expired);
    }

    Tally closing() {
        return opening.plus(lateConfirmed).plus(lateRecredited).plus(confirmed()).plus(recredited())
                .minus(paid().rewardsAtGross()).minus(expired());
    }

    private Tally sum(Function<Day, Tally> figure) {
        return days.stream().map(figure).reduce(Tally.ZERO, Tally::plus);
    }
}

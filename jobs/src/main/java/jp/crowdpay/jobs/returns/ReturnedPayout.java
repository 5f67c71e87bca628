package jp.crowdpay.jobs.returns;

import java.time.LocalDate;
import jp.crowdpay.jobs.bankfile.account.BankAccount;

/**
 * A payout a notice line may name: what was transferred, to which account, in which run and
 * file, and whether it already came back.
 *
 * @param runCompleted  whether the run that made it has completed
 * @param earlierReturn null when the payout has not come back before; else where it was recorded
 */
public record ReturnedPayout(long payoutId, long workerId, LocalDate businessDate, String bankFile, boolean runCompleted,
                             long grossYen, long feeYen, long amountYen, BankAccount paidTo, String earlierReturn) {

    /**
     * What goes back to the worker: the amount transferred, as the fee was spent on the transfer
     * (banks charge it for a returned one too), or the gross when the platform refunds the fee.
     */
    public long creditYen(boolean refundFee) {
        return refundFee ? grossYen : amountYen;
    }
}

package jp.crowdpay.jobs.payout;

/**
 * What a chunk read changed before it committed: the rewards it marked paid are not those it
 * read, or a parallel partition filled the night's file meanwhile. The chunk is tried again from
 * its savepoint, reading afresh; after a few tries the run fails with this message, and the same
 * command continues it.
 */
public class LedgerChangedException extends RuntimeException {

    LedgerChangedException(String message) {
        super(message);
    }

    static LedgerChangedException rewardsChanged(UnpaidRewards read, UnpaidRewards marked) {
        return new LedgerChangedException("worker " + read.workerId() + ": the balance read was " + read.rewardCount()
                + " rewards / " + read.yen() + " yen but " + marked.rewardCount() + " rewards / " + marked.yen()
                + " yen were unpaid when marking them paid; the ledger changed during the run");
    }
}

package jp.crowdpay.jobs.payout;

/**
 * The rewards marked paid for a worker differ from the balance read a moment before: the ledger
 * changed under the run. The chunk rolls back; the same command again re-reads the balance.
 */
public class LedgerChangedException extends RuntimeException {
    public LedgerChangedException(long workerId, long expectedRewards, long expectedYen, long markedRewards, long markedYen) {
        super("worker " + workerId + ": the balance read was " + expectedRewards + " rewards / " + expectedYen
                + " yen but " + markedRewards + " rewards / " + markedYen
                + " yen were unpaid when marking them paid; the ledger changed during the run");
    }
}

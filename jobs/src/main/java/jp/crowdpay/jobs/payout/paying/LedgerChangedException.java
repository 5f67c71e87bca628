package jp.crowdpay.jobs.payout.paying;

/**
 * What a chunk read changed before it committed: a parallel partition filled the night's file
 * meanwhile, or the rewards the chunk marks paid are not the balances it read. The chunk is tried again from its savepoint, reading afresh; after a few tries the
 * run fails with this message, and the same command continues it.
 */
public class LedgerChangedException extends RuntimeException {

    LedgerChangedException(String message) {
        super(message);
    }
}

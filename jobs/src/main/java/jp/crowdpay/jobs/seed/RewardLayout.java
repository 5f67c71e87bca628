package jp.crowdpay.jobs.seed;

/** How reward ids are laid out over the workers; the rows themselves are the same either way. */
public enum RewardLayout {

    /** As on the platform: ids grow with the confirmation date across all workers, so each worker's rewards are spread over the table. */
    SCATTERED,

    /** Each worker's rewards next to each other, workers in id order. */
    CLUSTERED
}

/**
 * The bank master (banks and branches with their Zengin names) and its import from the
 * zengin-code data set, which a payout run in progress or unfinished keeps out. May use
 * bankfile, runs and settings.
 */
package jp.crowdpay.jobs.bankmaster;

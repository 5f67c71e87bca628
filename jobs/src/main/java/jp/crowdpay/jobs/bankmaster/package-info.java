/**
 * The bank master (banks and branches with their Zengin names) and its import from the
 * zengin-code data set. May use bankfile and settings.
 */
package jp.crowdpay.jobs.bankmaster;

/**
 * What the bank takes: the payout file in its CSV and Zengin layouts (and the Zengin reader for
 * what comes back), the settings that shape them, and the outbox the files are handed over in.
 * Its two subpackages hold the rules the files rely on: {@code account}, what a valid bank
 * account and payee name are and how they are masked in logs, and {@code calendar}, the bank's
 * business days. Dependencies run from here into them, never back, nor between them. May use
 * settings only.
 */
package jp.crowdpay.jobs.bankfile;

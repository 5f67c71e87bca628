/**
 * The expiry notices (出金期限のお知らせ): after the payout of a date, which workers are warned
 * that rewards reach their withdrawal deadline soon, at which threshold, with how many yen at
 * risk and why the night did not pay them; the notice file (its versioned line), its records,
 * the locked-out workers listed for support, and the notices' metrics. Runs on its own or after
 * each night of a payout command (it implements payout's {@code AfterPayout}). May use payout
 * (the night it describes), locks (who is locked out), bankfile (the outbox), runs and settings.
 */
package jp.crowdpay.jobs.notices;

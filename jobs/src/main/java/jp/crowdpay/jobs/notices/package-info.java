/**
 * The expiry notices (出金期限のお知らせ): after the payout of a date, which workers are warned
 * that rewards reach their withdrawal deadline soon, at which threshold, with how many yen at
 * risk and why the night did not pay them; the notice file, its records, and the locked-out
 * workers listed for support. May use payout (the night it describes), locks (who is locked out),
 * bankfile (the outbox), runs and settings.
 */
package jp.crowdpay.jobs.notices;

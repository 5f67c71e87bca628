/**
 * The month-end close (月次締め): {@code close-month} rolls a calendar month's liability to the
 * workers forward by business date (opening, confirmed, re-credited, paid, expired, closing),
 * proves the closing against the ledger's own figures at the end of the month's last night,
 * records it once (what may no longer change afterwards is guarded in
 * sql/V16__month_end_close.sql), and writes the journal for the accounting software (弥生会計's
 * import format and plain CSV) into the outbox. May use payout (its settings), bankfile (the
 * outbox), runs and settings; status reads the last closed month from here.
 */
package jp.crowdpay.jobs.close;

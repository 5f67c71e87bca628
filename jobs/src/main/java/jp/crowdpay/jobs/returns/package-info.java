/**
 * Returned transfers (振込不能・組戻し): the import of the bank's return notice, which records
 * each returned payout, credits the worker with a new reward and flags the account the money
 * came back from, once every line of the notice matched one payout (by our file name, or by the
 * dates a bank carries instead); the returns history that status and the list of flagged
 * workers read. Reading the notice itself, in each bank's shape, is {@code returns.notice}'s.
 * May use payout, bankfile, runs and settings; the payout job never uses this
 * package (its paying step reads the flags from the table {@code returned_account} and compares
 * them through {@code payout.rules.ReturnedAccounts}, as this package's list of flagged workers does).
 */
package jp.crowdpay.jobs.returns;

/**
 * A worker's bank account as the bank takes it: the account types, the checks of bank, branch
 * and account numbers, the payee name in the bank's half-width katakana, and the masking that
 * keeps account numbers and names out of logs. Plain rules; uses no other package of the
 * application.
 */
package jp.crowdpay.jobs.bankfile.account;

/**
 * What the bank takes: bank-account and payee-name rules, the CSV and Zengin layouts, the bank
 * calendar, and the outbox files are handed over in. May use settings only.
 */
package jp.crowdpay.jobs.bankfile;

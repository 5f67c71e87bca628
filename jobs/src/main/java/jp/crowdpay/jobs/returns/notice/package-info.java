/**
 * Reading a bank's return notice: the layouts (which field is where, and the bank's own forms of
 * codes, account types, dates and numbers), CSV lines or a JSON array, the form of every field,
 * a total row checked against the lines, and refusals that name what is wrong without quoting
 * personal data. Knows no database: what the lines match is the {@code returns} package's.
 */
package jp.crowdpay.jobs.returns.notice;

/**
 * The bank's business days: weekends, the Japanese holidays of the operator's holiday file and
 * the year-end closure, and the transfer date they give a night. Uses no other package of the
 * application.
 */
package jp.crowdpay.jobs.bankfile.calendar;

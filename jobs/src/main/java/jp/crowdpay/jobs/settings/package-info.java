/**
 * What every setting class shares: the exception that names a bad setting. Uses nothing of the
 * application.
 */
package jp.crowdpay.jobs.settings;

/**
 * What every setting class shares: the exception that names a bad setting; and where settings
 * come from besides application.yml and the environment: the credentials folder
 * ({@code CredentialsDirectory}, the database password as a file). Uses nothing of the application.
 */
package jp.crowdpay.jobs.settings;

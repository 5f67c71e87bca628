/**
 * The database schema the program expects: which version it is, whether a command may migrate
 * the database to it (only commands that write do; the ones that read never change the
 * database), and refusing a database migrated by a newer program. May use settings only.
 */
package jp.crowdpay.jobs.schema;

/**
 * The database schema the program expects: which version it is, the check every command makes at
 * start (the program's migrations applied, all of them; a newer schema only if it says this program
 * still runs on it), and the {@code migrate} command's work, the only change of the schema the
 * program makes. May use settings only.
 */
package jp.crowdpay.jobs.schema;

/**
 * The command line: the root command, one thin {@code *Command} per command (parse, call one
 * feature, print to the streams picocli gives it) and the mapping of run outcomes to exit codes.
 * May use every other package; no other package may use it.
 */
package jp.crowdpay.jobs.cli;

package jp.crowdpay.jobs.cli;

import java.io.PrintStream;

/**
 * Where a command started through {@code PayoutJobsApplication.run} writes: the process's own
 * standard output and error, or the streams a test gives.
 */
public record CommandStreams(PrintStream out, PrintStream err) {
}

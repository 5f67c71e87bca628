package jp.crowdpay.jobs.runs;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a command prints for the operator, as log events instead of text: with structured console
 * logging on, standard output must carry one JSON object per line, the operator's report
 * included. Each line becomes an INFO event of its own whose message is the line, with the
 * fields {@code output=operator} and the command; blank lines (layout only) are dropped.
 */
public final class LoggedLines extends OutputStream {

    private static final Logger log = LoggerFactory.getLogger("jp.crowdpay.jobs.output");

    private final String command;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();

    private LoggedLines(String command) {
        this.command = command;
    }

    /** A stream to give a command in place of standard output. */
    public static PrintStream of(String command) {
        return new PrintStream(new LoggedLines(command), true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void write(int b) {
        if (b == '\n') {
            emit();
        } else {
            line.write(b);
        }
    }

    @Override
    public synchronized void flush() {
        // a line is an event only once it has ended: a flush in the middle of one keeps it
    }

    @Override
    public synchronized void close() {
        emit();
    }

    private void emit() {
        String text = line.toString(StandardCharsets.UTF_8).stripTrailing();
        line.reset();
        if (!text.isBlank()) {
            log.atInfo().setMessage(text).addKeyValue("output", "operator").addKeyValue("command", command).log();
        }
    }
}

package jp.crowdpay.jobs.support;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import jp.crowdpay.jobs.PayoutJobsApplication;

/**
 * Runs a command line in this JVM through {@link PayoutJobsApplication#run}, which is {@code main}
 * without {@code System.exit}: an application of its own, started and closed, against the test
 * database, with its outbox in {@code workingDirectory}. For the tests of a command line's exit
 * code and messages where a process of its own is not the point; {@link ChildProcess} is for kill
 * -9, SIGTERM, two processes at once, cron, and for what the logs print.
 */
public final class InProcess {

    private InProcess() {
    }

    /**
     * Runs {@code args} with {@code settings} (Spring property names: {@code payout.fees.default})
     * as the environment would give them; returns its exit code and what the command printed.
     */
    public static ChildProcess.Result run(Path workingDirectory, Map<String, String> settings, String... args) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spring.datasource.url", TestDatabase.url());
        properties.put("spring.datasource.username", TestDatabase.username());
        properties.put("payout.outbox", workingDirectory.resolve("outbox").toString());
        // as in DatabaseTest and ChildProcess: the payout alone
        properties.put("payout.notices.after-payout", "false");
        properties.putAll(settings);
        // system properties rank above the application's own files, as the environment does; the
        // tests of a JVM run one at a time, and each setting is put back afterwards
        Map<String, String> before = new HashMap<>();
        properties.forEach((name, value) -> before.put(name, System.setProperty(name, value)));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            int exitCode = PayoutJobsApplication.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            return new ChildProcess.Result(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            before.forEach((name, value) -> {
                if (value == null) {
                    System.clearProperty(name);
                } else {
                    System.setProperty(name, value);
                }
            });
        }
    }
}

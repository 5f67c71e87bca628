package jp.crowdpay.jobs.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A command of the machine (dpkg, crontab, systemd-analyze, npm), run to its end: exit code and output. */
public final class Command {

    private Command() {
    }

    /** Exit code, and standard output and error together. */
    public record Ran(int exitCode, String output) {
    }

    public static Ran run(String... command) throws Exception {
        return run(List.of(command));
    }

    public static Ran run(List<String> command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as(String.join(" ", command)).isTrue();
        return new Ran(process.exitValue(), output);
    }
}

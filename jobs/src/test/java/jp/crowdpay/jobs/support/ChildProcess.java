package jp.crowdpay.jobs.support;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the real program in a child JVM, as cron would: its own process, exit code and output,
 * against the test database. How the JVM starts: {@link ChildJvm}.
 */
public final class ChildProcess {

    private ChildProcess() {
    }

    public record Result(int exitCode, String out, String err) {
    }

    public static Process start(Path workingDirectory, Map<String, String> environment, String... args) throws IOException {
        return start(List.of(), workingDirectory, environment, args);
    }

    /**
     * As {@link #start(Path, Map, String...)}, the JVM started through {@code wrapper} (a command
     * that runs the rest of its command line: setpriv, to take privileges away, say).
     */
    public static Process start(List<String> wrapper, Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException {
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(ChildJvm.command());
        command.addAll(List.of(args));
        Files.createDirectories(workingDirectory);
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().put("SPRING_DATASOURCE_URL", TestDatabase.url());
        builder.environment().put("SPRING_DATASOURCE_USERNAME", TestDatabase.username());
        // as in DatabaseTest: the payout alone, unless a test turns the notices after it on
        builder.environment().put("PAYOUT_NOTICES_AFTERPAYOUT", "false");
        environment.forEach((name, value) -> builder.environment().put(environmentName(name), value));
        builder.redirectOutput(workingDirectory.resolve("stdout.txt").toFile());
        builder.redirectError(workingDirectory.resolve("stderr.txt").toFile());
        return builder.start();
    }

    /**
     * A setting given by its Spring property name ({@code payout.chunk-size}) as the environment
     * spells it ({@code PAYOUT_CHUNKSIZE}), so that a test gives the same settings to a run
     * in-process ({@link InProcess}) and to a child; a name without a dot is the environment's already.
     */
    private static String environmentName(String name) {
        return name.contains(".") ? name.replace("-", "").replace('.', '_').toUpperCase(Locale.ROOT) : name;
    }

    public static Result run(Path workingDirectory, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        return await(start(workingDirectory, environment, args), workingDirectory);
    }

    /** Waits for a child that {@link #start} started in {@code workingDirectory} to end, and reads what it printed. */
    public static Result await(Process process, Path workingDirectory) throws IOException, InterruptedException {
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            String command = process.info().arguments().map(arguments -> String.join(" ", arguments)).orElse("");
            process.destroyForcibly();
            throw new IllegalStateException("the program did not finish within 120 s: " + command);
        }
        return new Result(process.exitValue(), read(workingDirectory, "stdout.txt"), read(workingDirectory, "stderr.txt"));
    }

    private static String read(Path directory, String name) throws IOException {
        File file = directory.resolve(name).toFile();
        return file.exists() ? Files.readString(file.toPath(), StandardCharsets.UTF_8) : "";
    }
}

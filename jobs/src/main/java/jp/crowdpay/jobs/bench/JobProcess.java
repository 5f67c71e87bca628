package jp.crowdpay.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The nightly payout run as production runs it: the same program in its own JVM with a small
 * fixed heap. Peak heap comes from the child's GC log (heap in use before each collection),
 * peak RSS from the kernel's high-water mark, read while the child lives.
 */
final class JobProcess {

    private static final Pattern GC_HEAP = Pattern.compile("(\\d+)M->\\d+M\\(\\d+M\\)");
    private static final Pattern VM_HWM = Pattern.compile("VmHWM:\\s+(\\d+) kB");
    private static final Pattern HEAP_SIZE = Pattern.compile("(\\d{1,12})([gGmMkK]?)");
    private static final long INITIAL_HEAP_MB = 64;
    /**
     * By name: the application's class runs the command line, which runs the benchmark, so a
     * reference to the class would make the packages depend on each other in a circle.
     */
    private static final String MAIN_CLASS = "jp.crowdpay.jobs.PayoutJobsApplication";

    record Result(int exitCode, Duration wall, long peakHeapMb, long peakRssMb, Path directory) {
    }

    private JobProcess() {
    }

    static Result run(Path directory, String maxHeap, Map<String, String> environment, String... args)
            throws IOException, InterruptedException {
        Files.createDirectories(directory);
        Path gcLog = directory.resolve("gc.log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        initialHeap(maxHeap).ifPresent(command::add);
        command.add("-Xmx" + maxHeap);
        command.add("-Xlog:gc:file=" + gcLog);
        command.addAll(launch());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        builder.environment().putAll(environment);
        builder.redirectOutput(directory.resolve("stdout.txt").toFile());
        builder.redirectError(directory.resolve("stderr.txt").toFile());
        long started = System.nanoTime();
        Process process = builder.start();
        Path status = Path.of("/proc", Long.toString(process.pid()), "status");
        long peakRssKb = 0;
        while (process.isAlive()) {
            peakRssKb = Math.max(peakRssKb, highWaterMarkKb(status));
            process.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        return new Result(process.exitValue(), wall, peakHeapMb(gcLog), peakRssKb / 1024, directory);
    }

    /**
     * The installed command's initial heap ({@code -Xms64m}, deb/payout-jobs) where the maximum
     * allows it. Without it the JVM starts with a sixty-fourth of the machine's memory (384 MB on
     * 24 GB) and fills that before it collects, so the peak RSS would measure the machine, not the job.
     */
    static Optional<String> initialHeap(String maxHeap) {
        Matcher size = HEAP_SIZE.matcher(maxHeap);
        if (!size.matches()) {
            return Optional.empty();
        }
        long megabytes = switch (size.group(2).toLowerCase(Locale.ROOT)) {
            case "g" -> Long.parseLong(size.group(1)) * 1024;
            case "m" -> Long.parseLong(size.group(1));
            case "k" -> Long.parseLong(size.group(1)) / 1024;
            default -> Long.parseLong(size.group(1)) / (1024 * 1024);
        };
        return megabytes >= INITIAL_HEAP_MB ? Optional.of("-Xms" + INITIAL_HEAP_MB + "m") : Optional.empty();
    }

    /** The running program again: its jar when started with -jar, else its class path (tests, IDE). */
    private static List<String> launch() {
        String classPath = System.getProperty("java.class.path");
        if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
            return List.of("-jar", Path.of(classPath).toAbsolutePath().toString());
        }
        return List.of("-cp", classPath, MAIN_CLASS);
    }

    private static long highWaterMarkKb(Path status) {
        try {
            Matcher matcher = VM_HWM.matcher(Files.readString(status));
            return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
        } catch (IOException processJustEnded) {
            return 0;
        }
    }

    private static long peakHeapMb(Path gcLog) throws IOException {
        if (!Files.exists(gcLog)) {
            return -1;
        }
        try (Stream<String> lines = Files.lines(gcLog)) {
            return lines.map(GC_HEAP::matcher).filter(Matcher::find)
                    .mapToLong(matcher -> Long.parseLong(matcher.group(1))).max().orElse(0);
        }
    }
}

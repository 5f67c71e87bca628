package jp.crowdpay.jobs.support;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import jp.crowdpay.jobs.PayoutJobsApplication;

/**
 * The command line of a child JVM of the program. A child spends most of its few seconds loading
 * classes, and the integration tier starts hundreds: where the build names the jar it has just
 * packed ({@code payout.test.child-jar}, the jar of the program's own classes) and an archive
 * ({@code payout.test.child-archive}), the children start from that jar and the libraries, and
 * map the classes a first child loaded from that archive (the JVM's class-data sharing, which takes
 * jars only, not the build's class folders). About 40 % of a child's start. Elsewhere (an IDE),
 * the children start from the test's class path, as before.
 */
final class ChildJvm {

    private static final String CLASS_PATH = classPath();
    private static final Optional<Path> ARCHIVE = Optional.ofNullable(System.getProperty("payout.test.child-archive")).map(Path::of);
    private static boolean trained;

    private ChildJvm() {
    }

    /** {@code java} with the options every child gets, up to the main class. */
    static List<String> command() {
        List<String> command = new ArrayList<>(options());
        shareClasses().ifPresent(archive -> command.add("-XX:SharedArchiveFile=" + archive));
        command.add(PayoutJobsApplication.class.getName());
        return command;
    }

    private static List<String> options() {
        return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                // a child runs for seconds: the quick compiler only and the serial collector halve its start
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                // a missing or stale archive is only slower: nothing of class-data sharing in what the child prints
                "-Xlog:cds*=off",
                "-cp", CLASS_PATH);
    }

    private static String classPath() {
        String testClassPath = System.getProperty("java.class.path");
        String jar = System.getProperty("payout.test.child-jar");
        if (jar == null || !Files.isRegularFile(Path.of(jar))) {
            return testClassPath;
        }
        return Stream.concat(Stream.of(jar), Stream.of(testClassPath.split(File.pathSeparator))
                        .filter(entry -> entry.endsWith(".jar")))
                .reduce((left, right) -> left + File.pathSeparator + right).orElseThrow();
    }

    /**
     * The archive, made once per test JVM by a first child that starts the whole application and
     * stops (Spring's {@code spring.context.exit=onRefresh}); empty when there is none to use.
     */
    private static synchronized Optional<Path> shareClasses() {
        // the archive holds only what jars gave: without the packed jar there is nothing to share
        if (ARCHIVE.isEmpty() || CLASS_PATH.equals(System.getProperty("java.class.path"))) {
            return Optional.empty();
        }
        Path archive = ARCHIVE.get();
        if (!trained) {
            trained = true;
            train(archive);
        }
        return Files.isRegularFile(archive) ? Optional.of(archive) : Optional.empty();
    }

    private static void train(Path archive) {
        List<String> command = new ArrayList<>(options());
        command.add(1, "-XX:ArchiveClassesAtExit=" + archive);
        command.add("-Dspring.context.exit=onRefresh");
        command.add(PayoutJobsApplication.class.getName());
        command.add("status");
        try {
            Files.deleteIfExists(archive);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("SPRING_DATASOURCE_URL", TestDatabase.url());
            builder.environment().put("SPRING_DATASOURCE_USERNAME", TestDatabase.username());
            Process training = builder.start();
            if (!training.waitFor(120, TimeUnit.SECONDS)) {
                training.destroyForcibly();
            }
        } catch (IOException e) {
            // without the archive the children only start slower
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package jp.crowdpay.jobs.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A real Prometheus Pushgateway (Debian package prometheus-pushgateway) in a child process on a
 * free loopback port, read back through its /metrics page. It keeps nothing on disk unless
 * started with a persistence file: Debian's build persists to /var/lib/prometheus by default,
 * which every checkout on the machine would share.
 */
public final class Pushgateway implements AutoCloseable {

    private static final Path BINARY = Path.of("/usr/bin/prometheus-pushgateway");

    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Pushgateway(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    public static Pushgateway start(Path logDirectory) throws IOException {
        return start(logDirectory, "");
    }

    /** @param persistenceFile where it keeps what was pushed across a restart, as operators run it; "" for nowhere */
    public static Pushgateway start(Path logDirectory, String persistenceFile) throws IOException {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException(BINARY + " is missing: apt-get install prometheus-pushgateway (.ci/run does)");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Files.createDirectories(logDirectory);
        Process process = new ProcessBuilder(BINARY.toString(), "--web.listen-address=127.0.0.1:" + port,
                "--persistence.file=" + persistenceFile)
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(
                        logDirectory.resolve("pushgateway.log").toFile())).start();
        Pushgateway gateway = new Pushgateway(process, port);
        gateway.awaitReady();
        return gateway;
    }

    public String address() {
        return "127.0.0.1:" + port;
    }

    /** The exposition page, as Prometheus would scrape it. */
    public List<String> metrics() throws IOException, InterruptedException {
        return get("/metrics").lines().toList();
    }

    /**
     * The value of the one sample of {@code name} whose labels include every given
     * {@code label="value"} pair; empty when there is none.
     */
    public Optional<Double> value(String name, String... labels) throws IOException, InterruptedException {
        return value(name, line -> Arrays.stream(labels).allMatch(line::contains));
    }

    /** The value of the one sample of {@code name} whose line passes {@code labels}; empty when there is none. */
    public Optional<Double> value(String name, Predicate<String> labels) throws IOException, InterruptedException {
        List<String> lines = metrics().stream().filter(line -> line.startsWith(name + "{") && labels.test(line)).toList();
        if (lines.size() > 1) {
            throw new IllegalStateException(lines.size() + " samples of " + name + " match: " + lines);
        }
        return lines.stream().findFirst().map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)));
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + address() + path))
                .timeout(Duration.ofSeconds(10)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitReady() {
        try {
            Await.until("the Pushgateway on " + address() + " is ready", Duration.ofSeconds(30), process,
                    this::isReady);
        } catch (AssertionError notReady) {
            process.destroyForcibly();
            throw notReady;
        }
    }

    private boolean isReady() throws InterruptedException {
        try {
            return get("/-/ready").contains("OK");
        } catch (IOException notListeningYet) {
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}

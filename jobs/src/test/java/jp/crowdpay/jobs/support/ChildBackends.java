package jp.crowdpay.jobs.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The PostgreSQL backends that serve a child process, found by the TCP ports of the child's
 * sockets (Linux /proc), so that every connection counts whatever its application_name: the
 * pool's and the run lease's alike.
 */
public final class ChildBackends {

    private static final int POSTGRES_PORT = 5432;

    private ChildBackends() {
    }

    /** The backend pids of the child's connections now. */
    public static List<Integer> of(JdbcTemplate jdbc, Process child) {
        Set<Integer> ports = clientPorts(child.pid());
        if (ports.isEmpty()) {
            return List.of();
        }
        return jdbc.queryForList("select pid from pg_stat_activity where client_port = any(?) and pid <> pg_backend_pid()",
                Integer.class, (Object) ports.toArray(Integer[]::new));
    }

    /**
     * kill -9: the process dies at once, wherever it is. The kernel closes its sockets; an idle
     * backend notices that at once, but a backend waiting on a lock notices only when it next
     * talks to its client. These are terminated here, as the server would end them: their open
     * transactions roll back, which is all a dead client's transaction can ever do (it cannot
     * commit without a client).
     */
    public static void killHard(JdbcTemplate jdbc, Process child) throws InterruptedException {
        List<Integer> backends = of(jdbc, child);
        child.destroyForcibly();
        if (!child.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError("the child survived kill -9");
        }
        terminateAndAwaitGone(jdbc, backends);
    }

    /** The database drops every connection of the living child, as a restarted server or a network cut would. */
    public static List<Integer> terminateAll(JdbcTemplate jdbc, Process child) {
        List<Integer> backends = of(jdbc, child);
        if (backends.isEmpty()) {
            throw new AssertionError("the child has no database connection to drop");
        }
        terminateAndAwaitGone(jdbc, backends);
        return backends;
    }

    private static void terminateAndAwaitGone(JdbcTemplate jdbc, List<Integer> backends) {
        if (backends.isEmpty()) {
            return;
        }
        Integer[] pids = backends.toArray(Integer[]::new);
        jdbc.queryForList("select pg_terminate_backend(pid) from pg_stat_activity where pid = any(?)", Boolean.class, (Object) pids);
        Await.until("the backends " + backends + " are gone", Duration.ofSeconds(30), () ->
                jdbc.queryForObject("select count(*) from pg_stat_activity where pid = any(?)", Long.class, (Object) pids) == 0);
    }

    /** Local ports of the process's TCP connections to PostgreSQL. */
    static Set<Integer> clientPorts(long pid) {
        Set<String> socketInodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        socketInodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor was closed while listing: not a connection any more
                }
            });
        } catch (IOException processGone) {
            return Set.of();
        }
        Set<Integer> ports = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            for (String line : lines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] fields = line.trim().split("\\s+");
                if (fields.length > 9 && socketInodes.contains(fields[9])
                        && port(fields[2]) == POSTGRES_PORT) {
                    ports.add(port(fields[1]));
                }
            }
        }
        return ports;
    }

    private static int port(String address) {
        return Integer.parseInt(address.substring(address.indexOf(':') + 1), 16);
    }

    private static List<String> lines(Path file) {
        try {
            List<String> lines = new ArrayList<>(Files.readAllLines(file));
            return lines.isEmpty() ? lines : lines.subList(1, lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}

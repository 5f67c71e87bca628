package jp.crowdpay.jobs.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The roles of config/database/roles.sql, made by the script itself, run with psql as the DBA runs
 * it. Roles belong to the whole server, not to a database: a test's roles are named after its test
 * database ({@code <test database>_payout}, ...), so that no other checkout's tests use the same
 * ones; the script makes them converge to its grants each time it runs.
 */
public final class DatabaseRoles {

    public static final Path SCRIPT = Path.of("..", "config", "database", "roles.sql");

    /** The role of each kind of command, as the script names them after its prefix. */
    public enum Role { OWNER, PAYOUT, IMPORTS, LOCKS, READONLY }

    private DatabaseRoles() {
    }

    /** The prefix of the shared test database's roles. */
    public static String prefix() {
        return TestDatabase.name() + "_";
    }

    public static String name(String prefix, Role role) {
        return prefix + role.name().toLowerCase();
    }

    /** The role's name among the shared test database's roles. */
    public static String name(Role role) {
        return name(prefix(), role);
    }

    /** Runs the script on the shared test database with its prefix. */
    public static String apply() {
        return apply(TestDatabase.url(), prefix());
    }

    /**
     * Runs the script with psql on the database of {@code url}, as superuser; {@code variables} are
     * more {@code name=value} for psql's -v. Returns what psql printed; fails if psql did.
     */
    public static String apply(String url, String prefix, String... variables) {
        List<String> command = new ArrayList<>(List.of("psql", "-X", "-q", "-h", "127.0.0.1", "-U", TestDatabase.username(),
                "-d", url.substring(url.lastIndexOf('/') + 1), "-v", "prefix=" + prefix));
        for (String variable : variables) {
            command.add("-v");
            command.add(variable);
        }
        command.add("-f");
        command.add(SCRIPT.toString());
        try {
            Process psql = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(psql.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!psql.waitFor(60, TimeUnit.SECONDS) || psql.exitValue() != 0) {
                throw new IllegalStateException(SCRIPT + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run psql", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while " + SCRIPT + " ran", e);
        }
    }
}

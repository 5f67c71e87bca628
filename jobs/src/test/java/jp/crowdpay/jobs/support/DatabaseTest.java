package jp.crowdpay.jobs.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import jp.crowdpay.jobs.cli.CommandLineInterface;
import jp.crowdpay.jobs.runs.RepositoryTime;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Base of the tests that need the application: the real PostgreSQL, migrated by Flyway before the
 * application starts (as {@code migrate} does, {@link TestDatabase}), with the real Spring Batch job
 * repository. Every test starts from empty tables (but for the rows the
 * migrations insert).
 */
@Tag(Tiers.DATABASE)
@SpringBootTest(properties = {
        // each test JVM of the build its own outbox (TestDatabase: and its own database)
        "payout.outbox=${payout.test.outbox:" + TestOutbox.DEFAULT + "}",
        // the cached contexts of a test JVM must not hold the server's connections while idle:
        // two JVMs with a dozen contexts each would pass PostgreSQL's 100
        "spring.datasource.hikari.minimum-idle=0",
        "spring.datasource.hikari.idle-timeout=10000",
        "payout.fees.default=500",
        "payout.fees.by-bank.0036=100",
        // small chunks, so that every payout test spans several transactions
        "payout.chunk-size=2",
        // a payout test looks at the payout alone; the notices chained after it have tests of their own
        "payout.notices.after-payout=false"})
public abstract class DatabaseTest {

    static {
        // the application runs in UTC, whatever the machine's zone, as main() makes it (RepositoryTime)
        RepositoryTime.fixJvmZone();
    }

    /** The outbox of every test, emptied before each one. */
    protected static final String OUTBOX = TestOutbox.DIRECTORY;

    @Autowired
    protected JdbcTemplate jdbc;

    @Autowired
    private ApplicationContext context;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestDatabase::url);
        registry.add("spring.datasource.username", TestDatabase::username);
    }

    /** Runs a command line in this test's application, as cron would in a process of its own; returns its exit code. */
    protected int execute(PrintStream out, PrintStream err, String... args) {
        return CommandLineInterface.execute(args, context::getBean, out, err);
    }

    /** As {@link #execute}, capturing what the command prints. */
    protected Captured executeCapturing(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = execute(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Captured(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * As {@link #executeCapturing}, while a test-only trigger runs {@code body} (PL/pgSQL
     * statements) for each row of {@code event} ("before insert", say) on {@code table}; the
     * trigger is dropped afterwards, whatever happened.
     */
    protected Captured executeWithTestTrigger(String event, String table, String body, String... args) {
        jdbc.execute("create function test_trigger() returns trigger language plpgsql as $$ begin " + body
                + " return new; end $$");
        jdbc.execute("create trigger test_trigger " + event + " on " + table + " for each row execute function test_trigger()");
        try {
            return executeCapturing(args);
        } finally {
            jdbc.execute("drop trigger test_trigger on " + table);
            jdbc.execute("drop function test_trigger()");
        }
    }

    /** A command's exit code, standard output and standard error. */
    public record Captured(int exitCode, String out, String err) {
    }

    @BeforeEach
    protected void startFromEmptyOutbox() throws IOException {
        Path outbox = Path.of(OUTBOX);
        if (Files.exists(outbox)) {
            try (Stream<Path> files = Files.walk(outbox)) {
                files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(outbox)).forEach(path -> path.toFile().delete());
            }
        }
    }

    @BeforeEach
    protected void startFromEmptyTables() {
        List<String> tables = jdbc.queryForList(
                // the guard's one row and the migrations' compatibility are part of the schema, as the migration history is
                "select quote_ident(tablename) from pg_tables where schemaname = current_schema() "
                        + "and tablename not in ('flyway_schema_history', 'payout_scope_guard', 'schema_compatibility')",
                String.class);
        jdbc.execute("truncate " + String.join(", ", tables) + " restart identity cascade");
    }
}

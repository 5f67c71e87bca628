package jp.crowdpay.jobs.support;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every notice line the tests write keeps the published contract, docs/expiry-notice.schema.json,
 * as a JSON Schema validator reads it (formats asserted too). Registered for every test (see
 * META-INF/services): after each one, the notice files of the in-process outbox; tests that run
 * the program in a child process check their own outbox with {@link #assertKept(Path)}.
 */
public final class NoticeContract implements AfterEachCallback {

    private static final Path SCHEMA_FILE = Path.of("..", "docs", "expiry-notice.schema.json");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Schema SCHEMA = load();

    private static Schema load() {
        try {
            return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                    .getSchema(Files.readString(SCHEMA_FILE, StandardCharsets.UTF_8));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    @Override
    public void afterEach(ExtensionContext context) {
        assertKept(Path.of(TestOutbox.DIRECTORY));
    }

    /** Fails with every line of every notice file under the outbox that breaks the contract. */
    public static void assertKept(Path outbox) {
        List<String> broken = brokenLines(outbox);
        if (!broken.isEmpty()) {
            throw new AssertionError("notice lines that break " + SCHEMA_FILE + ":\n" + String.join("\n", broken));
        }
    }

    /** Each line that breaks the contract, with its file, number and what is wrong; also a file that does not end in a newline. */
    public static List<String> brokenLines(Path outbox) {
        Path folder = outbox.resolve("notices");
        List<String> broken = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return broken;
        }
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(path -> path.getFileName().toString().matches("expiry-\\d{8}\\.jsonl")).toList()) {
                String content = Files.readString(file, StandardCharsets.UTF_8);
                if (!content.isEmpty() && !content.endsWith("\n")) {
                    broken.add(file + ": the last line does not end with a newline");
                }
                List<String> lines = content.lines().toList();
                for (int number = 1; number <= lines.size(); number++) {
                    for (String problem : problems(lines.get(number - 1))) {
                        broken.add(file.getFileName() + ":" + number + ": " + problem);
                    }
                }
            }
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
        return broken;
    }

    /** What the validator finds wrong with one line, formats asserted. */
    public static List<String> problems(String line) {
        JsonNode notice;
        try {
            notice = JSON.readTree(line);
        } catch (JacksonException notJson) {
            return List.of("not JSON: " + notJson.getOriginalMessage());
        }
        List<Error> errors = SCHEMA.validate(notice,
                execution -> execution.executionConfig(config -> config.formatAssertionsEnabled(true)));
        return errors.stream().map(Error::toString).toList();
    }
}

package jp.crowdpay.jobs.bankfile;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A layout kept as configuration in {@code <layouts>/<name>.yml}: a YAML mapping of known keys.
 * The layout named {@code default} is built in and needs no file; a file of that name overrides it.
 */
public final class LayoutFile {

    public static final String DEFAULT = "default";

    private LayoutFile() {
    }

    /**
     * The named layout, parsed from its file's YAML document, or {@code builtIn} for a default
     * without a file; any problem is an {@link IllegalArgumentException} naming the file.
     */
    public static <T> T load(Path layouts, String name, T builtIn, Function<Object, T> parse) {
        Path file = layouts.resolve(name + ".yml");
        if (!Files.exists(file)) {
            if (name.equals(DEFAULT)) {
                return builtIn;
            }
            throw new IllegalArgumentException("no layout file " + file);
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return parse.apply(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read layout file " + file + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("layout file " + file + ": " + e.getMessage(), e);
        }
    }

    /** The document as a mapping that holds none but the given keys. */
    public static Map<?, ?> mapping(Object document, Set<String> keys) {
        if (!(document instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException("expected keys " + keys);
        }
        for (Object key : map.keySet()) {
            if (!keys.contains(String.valueOf(key))) {
                throw new IllegalArgumentException("unknown key '" + key + "'; expected " + keys);
            }
        }
        return map;
    }
}

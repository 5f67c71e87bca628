package jp.crowdpay.jobs.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A systemd unit as systemd reads it: the unit file, then the drop-ins that apply to it from the
 * same folder ({@code <name>.d/*.conf}, and before those the folders of each prefix of its name up
 * to a dash, {@code payout-.service.d} for {@code payout-nightly.service}, as systemd 246 and later
 * look them up), each setting with every assignment in order. Enough of systemd's syntax for the
 * units the project ships; no line continuations.
 */
public final class SystemdUnit {

    private final String name;
    private final Map<String, List<String>> assignments = new LinkedHashMap<>();
    private final String text;

    private SystemdUnit(String name, String text) {
        this.name = name;
        this.text = text;
        String section = "";
        for (String line : text.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || trimmed.startsWith(";")) {
                continue;
            }
            if (trimmed.startsWith("[")) {
                section = trimmed.substring(1, trimmed.indexOf(']'));
                continue;
            }
            int equals = trimmed.indexOf('=');
            String key = section + "." + trimmed.substring(0, equals).strip();
            assignments.computeIfAbsent(key, ignored -> new ArrayList<>()).add(trimmed.substring(equals + 1).strip());
        }
    }

    /**
     * The unit {@code name} from {@code folder}, with its drop-ins. For an instance of a template
     * ({@code payout-jobs-failure@x.service}) the template's file.
     */
    public static SystemdUnit load(Path folder, String name) throws IOException {
        String file = name.contains("@") ? name.substring(0, name.indexOf('@') + 1) + name.substring(name.lastIndexOf('.')) : name;
        StringBuilder text = new StringBuilder(Files.readString(folder.resolve(file))).append('\n');
        for (Path dropIn : dropIns(folder, file)) {
            text.append(Files.readString(dropIn)).append('\n');
        }
        return new SystemdUnit(name, text.toString());
    }

    /** The drop-in folders of a unit, broadest first: "payout-.service.d", ..., "payout-nightly.service.d". */
    private static List<Path> dropIns(Path folder, String file) throws IOException {
        String type = file.substring(file.lastIndexOf('.'));
        String stem = file.substring(0, file.lastIndexOf('.'));
        List<String> folders = new ArrayList<>();
        for (int dash = stem.indexOf('-'); dash >= 0; dash = stem.indexOf('-', dash + 1)) {
            folders.add(stem.substring(0, dash + 1) + type + ".d");
        }
        folders.add(file + ".d");
        List<Path> confs = new ArrayList<>();
        for (String dropInFolder : folders) {
            Path path = folder.resolve(dropInFolder);
            if (Files.isDirectory(path)) {
                try (Stream<Path> files = Files.list(path)) {
                    files.filter(conf -> conf.toString().endsWith(".conf")).sorted().forEach(confs::add);
                }
            }
        }
        return confs;
    }

    public String name() {
        return name;
    }

    /** The unit file and its drop-ins, one after the other, as one unit file. */
    public String text() {
        return text;
    }

    /** Every assignment of {@code section.key} ("Service.ReadWritePaths"), in order; an empty one resets a list. */
    public List<String> all(String key) {
        return assignments.getOrDefault(key, List.of());
    }

    /** The value that counts: the last assignment. */
    public Optional<String> value(String key) {
        List<String> values = all(key);
        return values.isEmpty() ? Optional.empty() : Optional.of(values.get(values.size() - 1));
    }

    /** The items of a list setting ("ReadWritePaths=a b"), after the last empty assignment. */
    public List<String> items(String key) {
        List<String> items = new ArrayList<>();
        for (String value : all(key)) {
            if (value.isEmpty()) {
                items.clear();
            } else {
                items.addAll(List.of(value.split("\\s+")));
            }
        }
        return items;
    }

    public Map<String, List<String>> assignments() {
        return assignments;
    }
}

package jp.crowdpay.jobs.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The relative links of Markdown files, checked as GitHub renders them: the file or folder a link
 * names must exist, and its {@code #anchor} must be a heading of that file. Links inside code
 * (fenced blocks, backtick spans) are not links; web addresses are not checked.
 */
final class MarkdownLinks {

    private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*?)(?:\\s+#+)?\\s*$");
    private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
    private static final Pattern INLINE_LINK = Pattern.compile("!?\\[([^\\]]*)\\]\\(\\s*<?([^)\\s>]*)>?(?:\\s+\"[^\"]*\")?\\s*\\)");
    private static final Pattern REFERENCE_DEFINITION = Pattern.compile("^\\s{0,3}\\[[^\\]]+\\]:\\s*<?(\\S+?)>?(?:\\s.*)?$");
    private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");
    /** What GitHub keeps of a heading's text in its anchor: letters, marks, digits, connectors (_), space and '-'. */
    private static final Pattern DROPPED_FROM_ANCHORS = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

    private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

    /** A link as written, where it stands. */
    record Link(Path file, int line, String target) {
        @Override
        public String toString() {
            return file + ":" + line + ": (" + target + ")";
        }
    }

    /** The relative links of a file, in order; web addresses and links inside code left out. */
    List<Link> relativeLinks(Path file) {
        List<Link> links = new ArrayList<>();
        int number = 0;
        boolean inFence = false;
        for (String line : lines(file)) {
            number++;
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            String text = CODE_SPAN.matcher(line).replaceAll("code");
            Matcher inline = INLINE_LINK.matcher(text);
            while (inline.find()) {
                addIfRelative(links, file, number, inline.group(2));
            }
            Matcher definition = REFERENCE_DEFINITION.matcher(text);
            if (definition.matches()) {
                addIfRelative(links, file, number, definition.group(1));
            }
        }
        return links;
    }

    /** Why a link leads nowhere, or null when it leads to a file that exists and, with an anchor, to one of its headings. */
    String problem(Link link) {
        int hash = link.target().indexOf('#');
        String path = decoded(hash < 0 ? link.target() : link.target().substring(0, hash));
        String anchor = hash < 0 ? null : decoded(link.target().substring(hash + 1));
        Path target = path.isEmpty() ? link.file() : link.file().toAbsolutePath().getParent().resolve(path).normalize();
        if (!Files.exists(target)) {
            return "no such file: " + target;
        }
        if (anchor == null) {
            return null;
        }
        if (!target.getFileName().toString().endsWith(".md")) {
            return "an anchor into a file that is not Markdown";
        }
        if (!anchors(target).contains(anchor)) {
            return "no heading of " + target.getFileName() + " has the anchor #" + anchor;
        }
        return null;
    }

    /** The anchors GitHub gives a file's headings (a repeated one gets -1, -2 ...), and its explicit {@code <a id>} ones. */
    Set<String> anchors(Path file) {
        return anchorsByFile.computeIfAbsent(file.toAbsolutePath().normalize(), MarkdownLinks::readAnchors);
    }

    /** GitHub's anchor of a heading: its text as rendered, lower case, punctuation dropped but '-' and '_', spaces as '-'. */
    static String anchorOf(String heading) {
        String rendered = INLINE_LINK.matcher(heading).replaceAll("$1").replace("`", "").replace("*", "");
        return DROPPED_FROM_ANCHORS.matcher(rendered.toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
    }

    private static Set<String> readAnchors(Path file) {
        Set<String> anchors = new LinkedHashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inFence = false;
        for (String line : lines(file)) {
            if (FENCE.matcher(line).find()) {
                inFence = !inFence;
                continue;
            }
            if (inFence) {
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (heading.matches()) {
                String anchor = anchorOf(heading.group(1));
                int times = seen.merge(anchor, 1, Integer::sum);
                anchors.add(times == 1 ? anchor : anchor + "-" + (times - 1));
            }
            Matcher html = HTML_ANCHOR.matcher(line);
            while (html.find()) {
                anchors.add(html.group(1));
            }
        }
        return anchors;
    }

    private static void addIfRelative(List<Link> links, Path file, int line, String target) {
        if (!target.isEmpty() && !SCHEME.matcher(target).find()) {
            links.add(new Link(file, line, target));
        }
    }

    /** A link may spell characters as %XX (a space, a Japanese heading). */
    private static String decoded(String part) {
        return URLDecoder.decode(part.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

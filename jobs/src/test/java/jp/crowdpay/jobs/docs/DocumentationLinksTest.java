package jp.crowdpay.jobs.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation holds together: every relative link of the README, of docs/ and of
 * sql/README.md leads to a file that exists and, with an anchor, to a heading of it (as GitHub
 * names headings); and the README stays short enough to read in a screen or two.
 */
class DocumentationLinksTest {

    private static final Path REPOSITORY = Path.of("..");
    private static final int README_MOST_LINES = 249;

    private final MarkdownLinks markdown = new MarkdownLinks();

    @Test
    void everyRelativeLinkLeadsToAFileAndHeadingThatExist() throws IOException {
        // given
        List<Path> files = documentation();
        // when
        List<String> broken = new ArrayList<>();
        for (Path file : files) {
            for (MarkdownLinks.Link link : markdown.relativeLinks(file)) {
                String problem = markdown.problem(link);
                if (problem != null) {
                    broken.add(link + ": " + problem);
                }
            }
        }
        // then
        assertThat(files).as("the documents checked").contains(REPOSITORY.resolve("docs/rules.md"));
        assertThat(broken).as("broken links").isEmpty();
    }

    @Test
    void theReadmeStaysUnder250Lines() throws IOException {
        // when
        long lines = Files.readAllLines(REPOSITORY.resolve("README.md")).size();
        // then
        assertThat(lines).isLessThanOrEqualTo(README_MOST_LINES);
    }

    @Test
    void anchorsFollowGitHubLowerCaseHyphensNoPunctuationJapaneseKept() {
        // then: punctuation goes but '-' and '_', each space becomes '-', Japanese stays, code and links count by their text
        assertThat(MarkdownLinks.anchorOf("Month-end close (月次締め): `close-month`")).isEqualTo("month-end-close-月次締め-close-month");
        assertThat(MarkdownLinks.anchorOf("The payout completed but its notices did not (exit 5)"))
                .isEqualTo("the-payout-completed-but-its-notices-did-not-exit-5");
        assertThat(MarkdownLinks.anchorOf("A worker carried forward as `ROWS_LOCKED`")).isEqualTo("a-worker-carried-forward-as-rows_locked");
        assertThat(MarkdownLinks.anchorOf("Settings (`payout.bank-file.*`)")).isEqualTo("settings-payoutbank-file");
        assertThat(MarkdownLinks.anchorOf("status --check failed")).isEqualTo("status---check-failed");
        assertThat(MarkdownLinks.anchorOf("See [the flag](#flag) now")).isEqualTo("see-the-flag-now");
    }

    @Test
    void aMissingFileAMissingHeadingAndARepeatedHeadingAreToldApart(@TempDir Path directory) throws IOException {
        // given a document with a heading twice, and links: good, to a missing file, to a missing
        // heading, to the second of the repeated headings, and links that are not checked
        Files.writeString(directory.resolve("other.md"), """
                # Other
                ## Install
                ## Install
                ## C#
                ### 月次締め ###
                ```sh
                # a comment in code, no heading
                ```
                """);
        Files.writeString(directory.resolve("doc.md"), """
                # Doc
                [good](other.md#install) and [second](other.md#install-1) and [self](#doc)
                [sharp](other.md#c) and [encoded](other.md#%E6%9C%88%E6%AC%A1%E7%B7%A0%E3%82%81)
                [gone](missing.md) and [no heading](other.md#upgrade) and [code comment](other.md#a-comment-in-code-no-heading)
                [web](https://example.com/x.md) and `[in code](nowhere.md)`
                ```
                [in a fence](nowhere.md)
                ```
                """);
        // when
        List<MarkdownLinks.Link> links = markdown.relativeLinks(directory.resolve("doc.md"));
        // then
        assertThat(links).extracting(MarkdownLinks.Link::target).containsExactly(
                "other.md#install", "other.md#install-1", "#doc", "other.md#c", "other.md#%E6%9C%88%E6%AC%A1%E7%B7%A0%E3%82%81",
                "missing.md", "other.md#upgrade", "other.md#a-comment-in-code-no-heading");
        assertThat(links).extracting(markdown::problem).satisfiesExactly(
                good -> assertThat(good).isNull(),
                second -> assertThat(second).isNull(),
                self -> assertThat(self).isNull(),
                sharp -> assertThat(sharp).isNull(),
                encoded -> assertThat(encoded).isNull(),
                gone -> assertThat(gone).startsWith("no such file: "),
                noHeading -> assertThat(noHeading).isEqualTo("no heading of other.md has the anchor #upgrade"),
                codeComment -> assertThat(codeComment).isEqualTo("no heading of other.md has the anchor #a-comment-in-code-no-heading"));
    }

    private static List<Path> documentation() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(REPOSITORY.resolve("README.md"));
        try (Stream<Path> docs = Files.list(REPOSITORY.resolve("docs"))) {
            docs.filter(path -> path.toString().endsWith(".md")).sorted().forEach(files::add);
        }
        files.add(REPOSITORY.resolve("sql/README.md"));
        return files;
    }
}

package io.runway.worker.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The link checker over README.md and docs/: every relative link points at a file of the repository,
 * every {@code #anchor} at a heading of its page, and every docs page opens with the audience
 * convention (who it is for, what they can do after reading), so each reader finds their page from
 * the README's map and knows at once whether it is theirs.
 */
class DocsLinksTest {

  @Test
  void everyRelativeLinkAndAnchorResolves() throws IOException {
    List<String> broken = new ArrayList<>();
    List<Path> pages = pages();
    for (Path page : pages) {
      for (Markdown.Link link : Markdown.links(Files.readString(page))) {
        String problem = Markdown.resolve(page, link.target());
        if (problem != null) {
          broken.add(Docs.ROOT.relativize(page) + ":" + link.line() + ": (" + link.target() + ") " + problem);
        }
      }
    }
    assertThat(pages).as("README.md and the docs pages").hasSizeGreaterThan(5);
    assertThat(broken).as("broken links in README.md and docs/").isEmpty();
  }

  @Test
  void everyDocsPageSaysWhoItIsForAndWhatTheyCanDoAfterReading() throws IOException {
    List<String> missing = new ArrayList<>();
    for (Path page : docsPages()) {
      String opening = Markdown.opening(Files.readString(page)).replaceAll("\\s+", " ");
      boolean forWhom = opening.matches("(?s)\\*\\*(Who this is for:?|For)\\*\\*.*");
      boolean afterReading = opening.toLowerCase().contains("after reading");
      if (!forWhom || !afterReading) {
        missing.add(page.getFileName() + ": its first paragraph must start with **For** (or **Who this is for:**)"
            + " and say what the reader can do **After reading**; it reads: " + opening.substring(0, Math.min(120, opening.length())));
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void theReadmeMapLinksEveryDocsPage() throws IOException {
    String readme = Files.readString(Docs.README);
    List<String> unlinked = docsPages().stream().map(p -> "docs/" + p.getFileName())
        .filter(target -> !readme.contains("](" + target)).toList();
    assertThat(unlinked).as("docs pages the README's map does not link").isEmpty();
  }

  @Test
  void aBrokenLinkAndAMissingAnchorAreCaught() {
    Path readme = Docs.README;
    assertThat(Markdown.resolve(readme, "docs/no-such-page.md")).contains("no such file");
    assertThat(Markdown.resolve(readme, "docs/security.md#no-such-heading")).contains("no heading");
    assertThat(Markdown.resolve(readme, "#the-two-commands")).isNull();
    assertThat(Markdown.resolve(readme, "https://temporal.io")).isNull();
    assertThat(Markdown.slug("Reverse proxies: `runway.http.trusted-proxies`")).isEqualTo("reverse-proxies-runwayhttptrusted-proxies");
    assertThat(Markdown.slug("Runway's REST API, for systems that call it")).isEqualTo("runways-rest-api-for-systems-that-call-it");
  }

  private static List<Path> pages() throws IOException {
    List<Path> pages = new ArrayList<>(docsPages());
    pages.add(0, Docs.README);
    return pages;
  }

  static List<Path> docsPages() throws IOException {
    try (Stream<Path> files = Files.list(Docs.ROOT.resolve("docs"))) {
      return files.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }
}

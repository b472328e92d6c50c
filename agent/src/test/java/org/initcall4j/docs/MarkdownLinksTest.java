package org.initcall4j.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every relative link in the user documentation (README.md, docs/*.md, benchmarks/README.md)
 * leads to a file of the repository, and every {@code #anchor} to a heading or an
 * {@code <a id>} of the file it names, as GitHub renders them. Links in code are not links.
 */
class MarkdownLinksTest {

  /** {@code [text](target)} and {@code ![alt](target)}; the target may carry a "title". */
  private static final Pattern INLINE = Pattern.compile("!?\\[(?:[^\\]\\[]|\\[[^\\]]*\\])*\\]"
      + "\\(\\s*(<[^>]*>|[^\\s)]*)(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** {@code [label]: target} on a line of its own. */
  private static final Pattern REFERENCE =
      Pattern.compile("^ {0,3}\\[[^\\]]+\\]:[ \\t]*(\\S+)", Pattern.MULTILINE);
  private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");
  private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

  @Test
  void everyRelativeLinkOfTheUserDocsLeadsSomewhere() throws IOException {
    Path root = repositoryRoot();
    List<Path> documents = userDocuments(root);
    assertTrue(documents.contains(root.resolve("README.md")), "no README.md in " + root);
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (Path document : documents) {
      for (Link link : links(Files.readString(document))) {
        checked++;
        String problem = problem(root, document, link.target());
        if (problem != null) {
          broken.add(root.relativize(document) + ":" + link.line() + ": (" + link.target()
              + ") " + problem);
        }
      }
    }
    assertTrue(checked > 0, "no relative link found in " + documents);
    assertTrue(broken.isEmpty(), broken.size() + " broken links:\n" + String.join("\n", broken));
  }

  @Test
  void aMissingFileOrAnchorIsFoundAndCodeIsNoLink(@TempDir Path root) throws IOException {
    Files.createDirectories(root.resolve("docs"));
    Files.writeString(root.resolve("docs/guide.md"), "# Guide\n\n## The `jmx=on` option: why?\n"
        + "<a id=\"kept\"></a>\n");
    Path readme = root.resolve("README.md");
    Files.writeString(readme, "see [g](docs/guide.md#the-jmxon-option-why) and [t](#top)\n"
        + "# Top\n```\n[not a link](missing.md)\n```\nand `[code](gone.md)`, [k](docs/guide.md#kept)"
        + " [bad](docs/guide.md#nowhere), [lost](docs/lost.md), [up](../outside.md)\n"
        + "[web](https://example.org/x.md)\n");
    List<String> problems = new ArrayList<>();
    for (Link link : links(Files.readString(readme))) {
      String problem = problem(root, readme, link.target());
      problems.add(link.target() + (problem == null ? "" : " -> " + problem));
    }
    assertEquals(List.of("docs/guide.md#the-jmxon-option-why", "#top", "docs/guide.md#kept",
        "docs/guide.md#nowhere -> no heading or anchor 'nowhere' in docs/guide.md",
        "docs/lost.md -> no file docs/lost.md",
        "../outside.md -> leads out of the repository"), problems);
  }

  @Test
  void anchorsAreMadeAsGitHubMakesThem() {
    Set<String> anchors = anchors("# Parallel boot (async initcalls)\n"
        + "### JMX: `org.initcall4j:type=Initcalls`\n## Files the agent writes: what they are\n"
        + "## Options\n## Options\n    # indented code, no heading\n");
    assertEquals(Set.of("parallel-boot-async-initcalls", "jmx-orginitcall4jtypeinitcalls",
        "files-the-agent-writes-what-they-are", "options", "options-1"), anchors);
    assertFalse(anchors.contains("indented-code-no-heading"));
  }

  /** A link's target and the line it is on. */
  record Link(String target, int line) {}

  /**
   * The relative links of a Markdown text, a link's text may run over lines; web addresses, and
   * anything in code (fenced blocks, code spans), left out.
   */
  static List<Link> links(String markdown) {
    String prose = withoutCode(markdown);
    List<String> targets = new ArrayList<>();
    List<Integer> offsets = new ArrayList<>();
    Matcher reference = REFERENCE.matcher(prose);
    while (reference.find()) {
      targets.add(reference.group(1));
      offsets.add(reference.start());
    }
    Matcher inline = INLINE.matcher(prose);
    while (inline.find()) {
      targets.add(inline.group(1).replaceAll("^<|>$", ""));
      offsets.add(inline.start());
    }
    List<Link> links = new ArrayList<>();
    for (int i = 0; i < targets.size(); i++) {
      String target = targets.get(i);
      if (!target.isEmpty() && !SCHEME.matcher(target).find() && !target.startsWith("//")) {
        int line = 1 + (int) prose.substring(0, offsets.get(i)).chars().filter(c -> c == '\n')
            .count();
        links.add(new Link(target, line));
      }
    }
    links.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return links;
  }

  /** The text with fenced code blocks and code spans blanked out; lines stay where they were. */
  private static String withoutCode(String markdown) {
    StringBuilder prose = new StringBuilder();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      boolean fence = line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~");
      if (fence) {
        fenced = !fenced;
      }
      prose.append(fence || fenced ? "" : line.replaceAll("`[^`]*`", "")).append('\n');
    }
    return prose.toString();
  }

  /** What is wrong with a relative link of {@code document}, or null. */
  static String problem(Path root, Path document, String target) throws IOException {
    int hash = target.indexOf('#');
    String path = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path file = path.isEmpty() ? document
        : document.getParent().resolve(path.replace("%20", " ")).normalize();
    if (!file.startsWith(root.normalize())) {
      return "leads out of the repository";
    }
    if (!Files.exists(file)) {
      return "no file " + root.relativize(file);
    }
    if (anchor == null) {
      return null;
    }
    if (!file.getFileName().toString().endsWith(".md") || Files.isDirectory(file)) {
      return "an anchor into " + root.relativize(file) + ", which is not a Markdown file";
    }
    return anchors(Files.readString(file)).contains(anchor) ? null
        : "no heading or anchor '" + anchor + "' in " + root.relativize(file);
  }

  /** The anchors GitHub gives a Markdown text: one per heading, and each {@code <a id>}. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    boolean fenced = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.stripLeading().startsWith("```") || line.stripLeading().startsWith("~~~")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher heading = HEADING.matcher(line);
      if (heading.matches()) {
        String slug = slug(heading.group(1));
        int count = seen.merge(slug, 1, Integer::sum);
        anchors.add(count == 1 ? slug : slug + "-" + (count - 1));
      }
      Matcher html = HTML_ANCHOR.matcher(line);
      while (html.find()) {
        anchors.add(html.group(1));
      }
    }
    return anchors;
  }

  /**
   * GitHub's slug: the heading's text (a link's text, code without its backticks), lower case,
   * without what is not a letter, digit, space, '-' or '_', spaces as '-'.
   */
  static String slug(String heading) {
    String text = heading.replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1")
        .replaceAll("<[^>]+>", "");
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
        .replace(' ', '-');
  }

  private static List<Path> userDocuments(Path root) throws IOException {
    List<Path> documents = new ArrayList<>();
    documents.add(root.resolve("README.md"));
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      try (Stream<Path> files = Files.list(docs)) {
        files.filter(f -> f.getFileName().toString().endsWith(".md")).sorted()
            .forEach(documents::add);
      }
    }
    Path benchmarks = root.resolve("benchmarks/README.md");
    if (Files.exists(benchmarks)) {
      documents.add(benchmarks);
    }
    return documents;
  }

  /** The checkout this test runs in: the folder above the module with the README and .ci/run. */
  private static Path repositoryRoot() {
    Path dir = Paths.get("").toAbsolutePath();
    for (Path at = dir; at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve("README.md")) && Files.isDirectory(at.resolve("agent"))
          && Files.isRegularFile(at.resolve("pom.xml"))) {
        return at;
      }
    }
    throw new AssertionError("no repository root (README.md beside agent/) above " + dir);
  }
}

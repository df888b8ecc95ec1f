package io.runway.worker.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Just enough Markdown for the docs tests: links outside code, headings as GitHub anchors, fenced blocks. */
final class Markdown {

  record Link(int line, String target) {}

  record Block(String info, List<String> lines) {}

  private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
  private static final Pattern CODE_SPAN = Pattern.compile("`[^`]*`");

  private Markdown() {}

  /** Inline links {@code [text](target)}, outside fenced blocks and code spans. */
  static List<Link> links(String markdown) {
    List<Link> links = new ArrayList<>();
    boolean fenced = false;
    String[] lines = markdown.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].stripLeading().startsWith("```")) {
        fenced = !fenced;
        continue;
      }
      if (fenced) {
        continue;
      }
      Matcher m = LINK.matcher(CODE_SPAN.matcher(lines[i]).replaceAll("``"));
      while (m.find()) {
        links.add(new Link(i + 1, m.group(1)));
      }
    }
    return links;
  }

  /** Null when {@code target}, written in {@code page}, resolves; otherwise what is wrong. */
  static String resolve(Path page, String target) {
    if (target.matches("^[a-z][a-z0-9+.-]*:.*")) {
      return null; // http(s), mailto: checked by people, not offline
    }
    int hash = target.indexOf('#');
    String file = hash < 0 ? target : target.substring(0, hash);
    String anchor = hash < 0 ? null : target.substring(hash + 1);
    Path resolved = file.isEmpty() ? page : page.getParent().resolve(file).normalize();
    if (!resolved.startsWith(Docs.ROOT)) {
      return "points outside the repository";
    }
    if (!Files.exists(resolved)) {
      return "no such file: " + Docs.ROOT.relativize(resolved);
    }
    if (anchor != null && !anchor.isEmpty()) {
      if (!resolved.toString().endsWith(".md")) {
        return "an anchor into a file that is not Markdown";
      }
      if (!anchors(read(resolved)).contains(anchor)) {
        return "no heading with the anchor #" + anchor + " in " + Docs.ROOT.relativize(resolved);
      }
    }
    return null;
  }

  /** The anchors GitHub gives a page's headings: the slug, with -1, -2 ... for repeats. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new HashSet<>();
    boolean fenced = false;
    for (String line : markdown.split("\n")) {
      if (line.stripLeading().startsWith("```")) {
        fenced = !fenced;
      } else if (!fenced && line.matches("^#{1,6} .*")) {
        String slug = slug(line.replaceFirst("^#{1,6} ", ""));
        String unique = slug;
        for (int n = 1; anchors.contains(unique); n++) {
          unique = slug + "-" + n;
        }
        anchors.add(unique);
      }
    }
    return anchors;
  }

  /** GitHub's heading slug: lower case, punctuation dropped (except - and _), spaces to hyphens. */
  static String slug(String heading) {
    String text = heading.strip().replaceAll("\\[([^]]*)]\\([^)]*\\)", "$1").toLowerCase(Locale.ROOT);
    return text.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }

  /** The first paragraph after the page's title. */
  static String opening(String markdown) {
    String afterTitle = markdown.replaceFirst("(?s)^\\s*# [^\n]*\n", "").stripLeading();
    int end = afterTitle.indexOf("\n\n");
    return end < 0 ? afterTitle : afterTitle.substring(0, end);
  }

  /** Fenced code blocks with their info string ({@code bash tour}). */
  static List<Block> blocks(String markdown) {
    List<Block> blocks = new ArrayList<>();
    String info = null;
    List<String> lines = null;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) {
        if (lines == null) {
          info = line.substring(3).strip();
          lines = new ArrayList<>();
        } else {
          blocks.add(new Block(info, lines));
          lines = null;
        }
      } else if (lines != null) {
        lines.add(line);
      }
    }
    return blocks;
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

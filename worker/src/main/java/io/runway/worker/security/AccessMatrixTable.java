package io.runway.worker.security;

import io.runway.worker.security.AccessMatrix.Access;
import io.runway.worker.security.AccessMatrix.Rule;
import io.runway.worker.security.AccessMatrix.TaskState;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders {@link AccessMatrix} as the README's Markdown tables, so the documented matrix is the one
 * the code enforces ({@code AccessMatrixReadmeTest} fails when they differ and says how to regenerate).
 */
public final class AccessMatrixTable {

  public static final String BEGIN = "<!-- access-matrix:begin (generated from AccessMatrix.java; do not edit by hand) -->";
  public static final String END = "<!-- access-matrix:end -->";

  private AccessMatrixTable() {}

  public static String markdown() {
    List<String> lines = new ArrayList<>();
    lines.add("`✓` allowed, `○` only for members of the object's group (named in the last column), `—` refused with 403. "
        + "Paths are under `/api/v1`. `auditor` is read-only everywhere: every write refuses it, "
        + "whatever other group it is in.");
    lines.add("");
    lines.add(row("endpoint", Groups.ALL.stream().map(g -> "`" + g + "`").collect(Collectors.joining(" | ")), "object-level rule and notes"));
    lines.add("|---|" + "---|".repeat(Groups.ALL.size()) + "---|");
    for (Rule rule : AccessMatrix.RULES) {
      String cells = Groups.ALL.stream().map(g -> cell(rule.accessOf(g))).collect(Collectors.joining(" | "));
      lines.add(row("`" + rule.method + " " + rule.path.substring("/api/v1".length()) + "`", cells, notes(rule)));
    }
    lines.add("");
    lines.add("On task endpoints, what a caller who passes the checks above gets in each task state:");
    lines.add("");
    lines.add("| endpoint | " + Arrays.stream(TaskState.values()).map(s -> s.label).collect(Collectors.joining(" | ")) + " |");
    lines.add("|---|" + "---|".repeat(TaskState.values().length));
    AccessMatrix.RULES.stream().filter(Rule::perTask).forEach(rule -> lines.add("| `" + rule.method + " "
        + rule.path.substring("/api/v1".length()) + "` | "
        + Arrays.stream(TaskState.values()).map(s -> Integer.toString(rule.statusIn(s))).collect(Collectors.joining(" | ")) + " |"));
    lines.add("");
    lines.add("Without a user:");
    lines.add("");
    AccessMatrix.PUBLIC.forEach(p -> lines.add("- `" + (p.method() == null ? "any" : p.method()) + " " + p.path() + "`: " + p.why()));
    return String.join("\n", lines) + "\n";
  }

  /** The README with the generated block replaced; fails if the markers are missing. */
  public static String replaceIn(String readme) {
    int begin = readme.indexOf(BEGIN);
    int end = readme.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalStateException("docs/security.md needs the lines\n" + BEGIN + "\n" + END + "\nwhere the access matrix goes");
    }
    return readme.substring(0, begin + BEGIN.length()) + "\n" + markdown() + readme.substring(end);
  }

  private static String row(String first, String middle, String last) {
    return "| " + first + " | " + middle + " | " + last + " |";
  }

  private static String cell(Access access) {
    return switch (access) {
      case YES -> "✓";
      case SUBJECT -> "○";
      case NO -> "—";
    };
  }

  private static String notes(Rule rule) {
    List<String> notes = new ArrayList<>();
    if (rule.subject != null) {
      notes.add("○: " + rule.subject);
    }
    Groups.ALL.stream().filter(g -> rule.accessOf(g) == Access.NO).map(rule::reasonRefused)
        .flatMap(java.util.Optional::stream).filter(r -> !r.startsWith("only ") && !r.equals(AccessMatrix.READ_ONLY))
        .distinct().forEach(notes::add);
    if (rule.note != null) {
      notes.add(rule.note);
    }
    return String.join("; ", notes);
  }
}

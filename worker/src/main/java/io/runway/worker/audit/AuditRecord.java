package io.runway.worker.audit;

import io.runway.worker.web.TextRules;
import java.util.Collection;
import java.util.TreeSet;

/** What happened, before it is placed in the chain (which adds seq, time and hashes). */
public record AuditRecord(
    String actor,
    String actorRoles,
    String sourceAddress,
    String initiativeKey,
    String action,
    String outcome,
    Integer httpStatus,
    String detail) {

  static final int MAX_DETAIL = 500;
  static final int MAX_FIELD = 200;

  /**
   * Whatever a request carried, the entry can be stored: control characters (a NUL, which PostgreSQL
   * refuses, in a claimed user name or an echoed value) are written as backslash-u escapes, so the refusal
   * is recorded rather than failing to be.
   */
  public AuditRecord {
    actor = clip(TextRules.escaped(actor), MAX_FIELD);
    actorRoles = TextRules.escaped(actorRoles);
    sourceAddress = clip(TextRules.escaped(sourceAddress), MAX_FIELD);
    initiativeKey = clip(TextRules.escaped(initiativeKey), MAX_FIELD);
    action = clip(TextRules.escaped(action), MAX_FIELD);
    outcome = TextRules.escaped(outcome);
    detail = clip(TextRules.escaped(detail), MAX_DETAIL);
  }

  /** Sorted and comma-separated, so the same groups always read (and hash) the same. */
  public static String roles(Collection<String> groups) {
    return String.join(",", new TreeSet<>(groups));
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}

package io.runway.worker.audit;

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

  public AuditRecord {
    actor = clip(actor, MAX_FIELD);
    sourceAddress = clip(sourceAddress, MAX_FIELD);
    initiativeKey = clip(initiativeKey, MAX_FIELD);
    action = clip(action, MAX_FIELD);
    detail = clip(detail, MAX_DETAIL);
  }

  /** Sorted and comma-separated, so the same groups always read (and hash) the same. */
  public static String roles(Collection<String> groups) {
    return String.join(",", new TreeSet<>(groups));
  }

  private static String clip(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}

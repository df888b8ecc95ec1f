package io.runway.worker.audit;

import io.runway.worker.web.SpreadsheetCells;
import java.util.List;

/**
 * RFC 4180 CSV of audit entries that can be re-verified value for value: a field is quoted when it
 * holds a comma, a quote or a line break, or is the empty string; an empty unquoted field is null; a
 * value a spreadsheet would run as a formula starts with one more apostrophe ({@link SpreadsheetCells}).
 */
final class AuditCsv {

  static final String HEADER =
      "seq,occurred_at,actor,actor_roles,source_address,initiative_key,action,outcome,http_status,detail,prev_hash,hash";

  private AuditCsv() {}

  static String of(List<AuditEntry> entries) {
    StringBuilder csv = new StringBuilder(HEADER).append("\r\n");
    for (AuditEntry e : entries) {
      csv.append(e.seq()).append(',').append(CanonicalForm.time(e.occurredAt()));
      for (String value : new String[] {e.actor(), e.actorRoles(), e.sourceAddress(), e.initiativeKey(), e.action(),
          e.outcome(), e.httpStatus() == null ? null : e.httpStatus().toString(), e.detail(), e.prevHash(), e.hash()}) {
        csv.append(',').append(field(value));
      }
      csv.append("\r\n");
    }
    return csv.toString();
  }

  static String field(String value) {
    return SpreadsheetCells.csv(value);
  }
}

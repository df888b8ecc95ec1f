package io.runway.worker.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;

/** Reads a row of {@code audit_entry} selected with {@link #COLUMNS}. */
final class AuditEntries {

  static final String COLUMNS = """
      seq, occurred_at, actor, actor_roles, source_address, initiative_key, action, outcome, http_status, detail,
      prev_hash, hash""";

  private AuditEntries() {}

  static AuditEntry read(ResultSet rs) throws SQLException {
    OffsetDateTime occurredAt = rs.getObject("occurred_at", OffsetDateTime.class);
    int status = rs.getInt("http_status");
    Integer httpStatus = rs.wasNull() ? null : status;
    return new AuditEntry(
        rs.getLong("seq"), occurredAt.toInstant(), rs.getString("actor"), rs.getString("actor_roles"),
        rs.getString("source_address"), rs.getString("initiative_key"), rs.getString("action"),
        rs.getString("outcome"), httpStatus, rs.getString("detail"), rs.getString("prev_hash"), rs.getString("hash"));
  }
}

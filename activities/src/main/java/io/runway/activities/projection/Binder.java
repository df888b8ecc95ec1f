package io.runway.activities.projection;

import io.runway.activities.json.RunwayJson;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Binds one row's parameters in order with explicit SQL types, so batches never ask the driver for
 * parameter metadata (an extra round trip per statement for nulls of unknown type).
 */
final class Binder {

  private final PreparedStatement ps;
  private int index;

  Binder(PreparedStatement ps) {
    this.ps = ps;
  }

  Binder text(String value) throws SQLException {
    ps.setString(++index, value);
    return this;
  }

  Binder name(Enum<?> value) throws SQLException {
    return text(value == null ? null : value.name());
  }

  Binder integer(int value) throws SQLException {
    ps.setInt(++index, value);
    return this;
  }

  Binder bigint(long value) throws SQLException {
    ps.setLong(++index, value);
    return this;
  }

  Binder instant(Instant value) throws SQLException {
    if (value == null) {
      ps.setNull(++index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(++index, value.atOffset(ZoneOffset.UTC), Types.TIMESTAMP_WITH_TIMEZONE);
    }
    return this;
  }

  Binder textArray(List<String> values) throws SQLException {
    String[] array = (values == null ? List.<String>of() : values).toArray(String[]::new);
    ps.setArray(++index, ps.getConnection().createArrayOf("text", array));
    return this;
  }

  /** JSON as text; the SQL casts it with {@code ?::jsonb}. */
  Binder json(Object value) throws SQLException {
    return text(RunwayJson.write(value));
  }
}

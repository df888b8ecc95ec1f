package io.runway.activities.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/** Binds Java values the way the schema stores them. */
public final class PgValues {

  private PgValues() {}

  /**
   * A {@code text[]} parameter. Wrapped as a type value rather than passed as a collection because
   * named-parameter templates would expand a collection into an IN list.
   */
  public static AbstractSqlTypeValue textArray(Collection<String> values) {
    String[] array = (values == null ? List.<String>of() : values).toArray(String[]::new);
    return new AbstractSqlTypeValue() {
      @Override
      protected Object createTypeValue(Connection con, int sqlType, String typeName) throws SQLException {
        return con.createArrayOf("text", array);
      }
    };
  }

  /** pgjdbc binds {@link OffsetDateTime} as timestamptz but does not accept {@link Instant}. */
  public static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  public static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}

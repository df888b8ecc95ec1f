package io.runway.activities.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import org.springframework.jdbc.core.support.AbstractSqlTypeValue;

/** Binds Java values the way the schema stores them, for the adapters' named-parameter statements. */
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

  public static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }
}

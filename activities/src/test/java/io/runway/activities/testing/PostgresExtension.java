package io.runway.activities.testing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real PostgreSQL, migrated by Flyway, for every test class of the run (it starts once and is
 * closed when the run ends); every table is emptied before each test so tests do not see each other.
 * Tests take the {@link DataSource} as a constructor or method parameter.
 */
public final class PostgresExtension implements BeforeEachCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PostgresExtension.class);

  private static final String EMPTY_ALL_TABLES = """
      truncate initiative, gate, task, evidence, timeline, launch_request, local_ticket, local_ticket_comment,
          local_crm_record, local_model_version, local_model_alias, notification_outbox, value_summary, kpi_actual,
          cost_actual, value_decision, user_directory, vendor_write cascade;
      alter sequence local_ticket_seq restart""";

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    try (var connection = database(context).dataSource.getConnection(); var statement = connection.createStatement()) {
      statement.execute(EMPTY_ALL_TABLES);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DataSource.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return database(context).dataSource;
  }

  private static Database database(ExtensionContext context) {
    return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Database.class, type -> Database.start(), Database.class);
  }

  /** Kept in the root store, which closes it (pool, then server) when the whole run is over. */
  private record Database(EmbeddedPostgres server, HikariDataSource dataSource) implements AutoCloseable {

    private static final String RUNTIME_ROLE = "runway_app";

    static Database start() {
      try {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        HikariConfig config = new HikariConfig();
        config.setDataSource(server.getPostgresDatabase());
        config.setMaximumPoolSize(4);
        HikariDataSource dataSource = new HikariDataSource(config);
        try (var connection = dataSource.getConnection(); var statement = connection.createStatement()) {
          // the migrations grant the application's runtime role its privileges, so it must exist
          statement.execute("create role " + RUNTIME_ROLE);
        }
        Flyway.configure().dataSource(dataSource).locations("classpath:db/migration")
            .placeholders(Map.of("runtime_role", RUNTIME_ROLE)).load().migrate();
        return new Database(server, dataSource);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot start embedded PostgreSQL", e);
      } catch (SQLException e) {
        throw new IllegalStateException("cannot create the runtime role", e);
      }
    }

    @Override
    public void close() throws IOException {
      dataSource.close();
      server.close();
    }
  }
}

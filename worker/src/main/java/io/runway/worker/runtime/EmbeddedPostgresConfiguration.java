package io.runway.worker.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.Optional;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded profile's database: a PostgreSQL the app starts itself (a real one, so the read
 * model behaves as in production) and stops on shutdown. With the in-process Temporal test server it
 * takes its data with it; in a local run that keeps its data (Temporal dev server, see
 * {@link LocalRunEnvironmentPostProcessor}) its data directory is {@code <data dir>/postgres} and
 * survives restarts, and a postmaster a killed Runway left running on it is stopped first. Unless
 * {@code spring.datasource.url} is set: then the embedded profile (in-process Temporal, demo users)
 * runs on that database instead, as tests that share one PostgreSQL between instances, or stop and
 * restart it, do.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded")
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
class EmbeddedPostgresConfiguration {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

  static final class NoDataSourceUrl implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String url = context.getEnvironment().getProperty("spring.datasource.url");
      return url == null || url.isBlank();
    }
  }

  /**
   * The same two roles as in production: Flyway migrates as the owner of database {@value #DATABASE},
   * the application connects as the runtime role, which may only INSERT and SELECT the audit trail
   * (the migrations grant that). The embedded server trusts local connections, so neither has a password.
   */
  static final String DATABASE = "runway";
  static final String OWNER_ROLE = "runway_owner";
  static final String RUNTIME_ROLE = "runway_app";

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres(Environment environment) throws IOException, SQLException {
    String dataDir = environment.getProperty(LocalRunEnvironmentPostProcessor.ACTIVE_DATA_DIR);
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (dataDir != null && LocalRunEnvironmentPostProcessor.DEV_SERVER.equals(
        environment.getProperty(LocalRunEnvironmentPostProcessor.MODE))) {
      Path pgData = Path.of(dataDir, "postgres");
      Files.createDirectories(pgData);
      stopOrphanedPostmaster(pgData);
      builder.setDataDirectory(pgData).setCleanDataDirectory(false);
    }
    EmbeddedPostgres postgres = builder.start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      // a kept data directory already has them from its first start
      for (String role : new String[] {OWNER_ROLE, RUNTIME_ROLE}) {
        if (!exists(statement, "select 1 from pg_roles where rolname = '" + role + "'")) {
          statement.execute("create role " + role + " login");
        }
      }
      if (!exists(statement, "select 1 from pg_database where datname = '" + DATABASE + "'")) {
        statement.execute("create database " + DATABASE + " owner " + OWNER_ROLE);
      }
    } catch (SQLException e) {
      postgres.close();
      throw e;
    }
    return postgres;
  }

  private static boolean exists(Statement statement, String query) throws SQLException {
    try (ResultSet rows = statement.executeQuery(query)) {
      return rows.next();
    }
  }

  /**
   * A Runway killed with -9 leaves its postgres running on the kept data directory (PostgreSQL refuses
   * a second postmaster there). This process holds the data directory's lock, so a live postgres named
   * in postmaster.pid is an orphan: stop it (SIGTERM: a smart shutdown, its clients died with Runway).
   * A pid file whose process is gone is PostgreSQL's own business: it starts over it.
   */
  static void stopOrphanedPostmaster(Path pgData) {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    Optional<ProcessHandle> orphan;
    try (var lines = Files.lines(pidFile)) {
      orphan = lines.findFirst().map(String::trim).filter(line -> line.matches("\\d+")).map(Long::parseLong)
          .flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive)
          .filter(handle -> handle.info().command().map(c -> c.contains("postgres")).orElse(false));
    } catch (IOException | UncheckedIOException e) {
      return;
    }
    orphan.ifPresent(postmaster -> {
      log.warn("Stopping the PostgreSQL (pid {}) a previous Runway left running on {}", postmaster.pid(), pgData);
      TemporalDevServer.stop(postmaster);
    });
  }

  /** Pool settings bind from {@code spring.datasource.hikari.*}; the URL comes from the server above. */
  @Bean(destroyMethod = "close")
  @ConfigurationProperties("spring.datasource.hikari")
  DataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl(RUNTIME_ROLE, DATABASE));
    dataSource.setUsername(RUNTIME_ROLE);
    dataSource.setPoolName("runway-embedded");
    return dataSource;
  }

  /** Customizers run after Boot has set Flyway's data source and placeholders, so this one wins. */
  @Bean
  FlywayConfigurationCustomizer migrateAsOwner(EmbeddedPostgres postgres) {
    return flyway -> {
      Map<String, String> placeholders = new HashMap<>(flyway.getPlaceholders());
      placeholders.put("runtime_role", RUNTIME_ROLE);
      flyway.dataSource(postgres.getJdbcUrl(OWNER_ROLE, DATABASE), OWNER_ROLE, null).placeholders(placeholders);
    };
  }
}

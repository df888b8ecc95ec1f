package io.runway.worker.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * The embedded profile's database: a PostgreSQL the app starts itself (a real one, so the read
 * model behaves as in production) and stops on shutdown, taking its data with it. Unless
 * {@code spring.datasource.url} is set: then the embedded profile (in-process Temporal, demo users)
 * runs on that database instead, as tests that share one PostgreSQL between instances, or stop and
 * restart it, do.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded")
@Conditional(EmbeddedPostgresConfiguration.NoDataSourceUrl.class)
class EmbeddedPostgresConfiguration {

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
  EmbeddedPostgres embeddedPostgres() throws IOException, SQLException {
    EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("create role " + OWNER_ROLE + " login");
      statement.execute("create role " + RUNTIME_ROLE + " login");
      statement.execute("create database " + DATABASE + " owner " + OWNER_ROLE);
    } catch (SQLException e) {
      postgres.close();
      throw e;
    }
    return postgres;
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

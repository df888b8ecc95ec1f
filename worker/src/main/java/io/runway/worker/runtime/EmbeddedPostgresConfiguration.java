package io.runway.worker.runtime;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * The embedded profile's database: a PostgreSQL the app starts itself (a real one, so the read
 * model behaves as in production) and stops on shutdown, taking its data with it.
 */
@Configuration(proxyBeanMethods = false)
@Profile("embedded")
class EmbeddedPostgresConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedPostgres embeddedPostgres() throws IOException {
    return EmbeddedPostgres.builder().start();
  }

  /** Pool settings bind from {@code spring.datasource.hikari.*}; the URL comes from the server above. */
  @Bean(destroyMethod = "close")
  @ConfigurationProperties("spring.datasource.hikari")
  DataSource dataSource(EmbeddedPostgres postgres) {
    HikariDataSource dataSource = new HikariDataSource();
    dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
    dataSource.setUsername("postgres");
    dataSource.setPoolName("runway-embedded");
    return dataSource;
  }
}

package io.runway.activities;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.crm.salesforce.SalesforceCrmActivities;
import io.runway.activities.mlops.local.LocalMlopsActivities;
import io.runway.activities.mlops.mlflow.MlflowMlopsActivities;
import io.runway.activities.policy.InvalidPolicyException;
import io.runway.activities.testing.PostgresExtension;
import io.runway.activities.ticketing.jira.JiraTicketingActivities;
import io.runway.activities.ticketing.local.LocalTicketingActivities;
import io.runway.lifecycle.activity.CrmActivities;
import io.runway.lifecycle.activity.IntakeActivities;
import io.runway.lifecycle.activity.MlopsActivities;
import io.runway.lifecycle.activity.NotificationActivities;
import io.runway.lifecycle.activity.PolicyActivities;
import io.runway.lifecycle.activity.ProjectionActivities;
import io.runway.lifecycle.activity.TicketingActivities;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** The worker gets these beans by scanning this module: check they wire as Spring Boot would wire them. */
@ExtendWith(PostgresExtension.class)
class ActivitiesWiringTest {

  private final ApplicationContextRunner context;

  ActivitiesWiringTest(DataSource dataSource) {
    this.context = new ApplicationContextRunner()
        // wrapped: the context would otherwise close the run's shared pool when it closes
        .withBean(DataSource.class, () -> new DelegatingDataSource(dataSource))
        .withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class))
        .withUserConfiguration(ScanActivities.class);
  }

  @Configuration(proxyBeanMethods = false)
  @ComponentScan("io.runway.activities")
  static class ScanActivities {}

  @Test
  void withNoProviderConfiguredEveryActivityIsServedLocally() {
    context.run(app -> {
      assertThat(app).hasNotFailed();
      for (Class<?> activity : new Class<?>[] {PolicyActivities.class, IntakeActivities.class, TicketingActivities.class,
          CrmActivities.class, MlopsActivities.class, NotificationActivities.class, ProjectionActivities.class}) {
        assertThat(app).hasSingleBean(activity);
      }
      assertThat(app.getBean(TicketingActivities.class)).isInstanceOf(LocalTicketingActivities.class);
      assertThat(app.getBean(PolicyActivities.class).currentPolicy().version()).isEqualTo("2026.12-1");
    });
  }

  @Test
  void anExternalProviderLeavesTheLocalAdapterOut() {
    context.withPropertyValues("runway.ticketing.provider=jira", "runway.crm.provider=salesforce", "runway.mlops.provider=mlflow",
            "runway.salesforce.token-url=https://acme.my.salesforce.com/services/oauth2/token",
            "runway.salesforce.client-id=runway", "runway.salesforce.client-secret=not-a-secret",
            "runway.mlflow.tracking-uri=http://mlflow:5000",
            "runway.jira.base-url=https://acme.atlassian.net", "runway.jira.email=runway@acme.example",
            "runway.jira.api-token=test-only", "runway.jira.project-key=SEC")
        .run(app -> {
          assertThat(app).hasNotFailed();
          assertThat(app.getBean(TicketingActivities.class)).isInstanceOf(JiraTicketingActivities.class);
          assertThat(app.getBean(CrmActivities.class)).isInstanceOf(SalesforceCrmActivities.class);
          assertThat(app).doesNotHaveBean(LocalMlopsActivities.class);
          assertThat(app.getBean(MlopsActivities.class)).isInstanceOf(MlflowMlopsActivities.class);
          assertThat(app).hasSingleBean(NotificationActivities.class);
        });
  }

  @Test
  void aBrokenPolicyAtTheConfiguredLocationStopsStartUp(@TempDir Path dir) throws Exception {
    Path policy = Files.writeString(dir.resolve("policy.yaml"), "version: \"x\"\n");

    context.withPropertyValues("runway.policy.location=file:" + policy).run(app -> {
      assertThat(app).hasFailed();
      assertThat(app.getStartupFailure()).rootCause()
          .isInstanceOf(InvalidPolicyException.class)
          .hasMessageContaining("policy.yaml")
          .hasMessageContaining("tiers.HIGH: every tier but PROHIBITED needs at least one gate");
    });
  }
}

package io.runway.activities.ticketing.jira;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.activity.TicketingActivities;
import java.util.Map;
import io.runway.activities.ledger.WriteLedger;
import io.runway.activities.testing.PostgresExtension;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Choosing Jira is a configuration change, and a half-configured Jira stops start-up with a clear reason. */
@ExtendWith(PostgresExtension.class)
class JiraWiringTest {

  private static final String TOKEN = "env-only-t0ken";

  private final ApplicationContextRunner context;

  JiraWiringTest(DataSource dataSource) {
    // the adapter's write ledger lives in Runway's database
    context = new ApplicationContextRunner().withUserConfiguration(ScanJira.class)
        .withBean(JdbcClient.class, () -> JdbcClient.create(dataSource));
  }

  @Configuration(proxyBeanMethods = false)
  @ComponentScan(basePackageClasses = {JiraTicketingActivities.class, WriteLedger.class})
  static class ScanJira {}

  private static ApplicationContextRunner withEnvironment(ApplicationContextRunner runner, Map<String, Object> variables) {
    return runner.withInitializer(app -> app.getEnvironment().getPropertySources().replace(
        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
        new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables)));
  }

  @Test
  void jiraServesTicketingWithItsTokenTakenFromTheEnvironment() {
    withEnvironment(context, Map.of("RUNWAY_TICKETING_PROVIDER", "jira", "RUNWAY_JIRA_BASE_URL", "https://acme.atlassian.net",
        "RUNWAY_JIRA_EMAIL", "runway@acme.example", "RUNWAY_JIRA_API_TOKEN", TOKEN, "RUNWAY_JIRA_PROJECT_KEY", "SEC"))
        .run(app -> {
          assertThat(app).hasNotFailed();
          assertThat(app.getBean(TicketingActivities.class)).isInstanceOf(JiraTicketingActivities.class);
          JiraProperties jira = app.getBean(JiraProperties.class);
          assertThat(jira.apiToken()).isEqualTo(TOKEN);
          assertThat(jira.issueType()).isEqualTo("Task");
          assertThat(jira.doneTransition()).isEqualTo("Done");
          assertThat(jira.cancelTransition()).isEqualTo("Cancel");
          assertThat(jira.timeout()).hasSeconds(10);
          assertThat(jira.searchLag()).hasSeconds(10);
          assertThat(jira.toString()).contains("SEC").doesNotContain(TOKEN);
        });
  }

  @Test
  void jiraWithoutItsSettingsStopsStartUpNamingEachMissingOne() {
    context.withPropertyValues("runway.ticketing.provider=jira", "runway.jira.email=runway@acme.example").run(app -> {
      assertThat(app).hasFailed();
      assertThat(app.getStartupFailure()).rootCause().hasMessageContainingAll("runway.ticketing.provider=jira",
          "runway.jira.base-url", "runway.jira.api-token (environment variable RUNWAY_JIRA_API_TOKEN)", "runway.jira.project-key")
          .message().doesNotContain("runway.jira.email");
    });
  }

  @Test
  void withoutTheJiraProviderNoJiraSettingIsNeeded() {
    context.run(app -> {
      assertThat(app).hasNotFailed();
      assertThat(app).doesNotHaveBean(JiraTicketingActivities.class).doesNotHaveBean(JiraProperties.class);
    });
  }
}

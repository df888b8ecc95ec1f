package io.runway.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.activity.Notification;
import io.runway.lifecycle.activity.NotificationActivities;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.mail.autoconfigure.MailSenderAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DelegatingDataSource;

/** Channels are chosen by configuration, wired as Spring Boot wires them, and refuse to start half-configured. */
@ExtendWith(PostgresExtension.class)
class NotificationWiringTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private final JdbcClient jdbc;
  private final ApplicationContextRunner context;

  NotificationWiringTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.context = new ApplicationContextRunner()
        // wrapped: the context would otherwise close the run's shared pool when it closes
        .withBean(DataSource.class, () -> new DelegatingDataSource(dataSource))
        .withConfiguration(AutoConfigurations.of(JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
            MailSenderAutoConfiguration.class))
        .withUserConfiguration(ScanNotify.class);
  }

  @Configuration(proxyBeanMethods = false)
  @ComponentScan("io.runway.activities.notify")
  static class ScanNotify {}

  @Test
  void byDefaultOneNotificationBeanWritesTheOutboxAndLogs() {
    context.run(app -> {
      assertThat(app).hasNotFailed().hasSingleBean(NotificationActivities.class);
      assertThat(app).getBean("notificationActivities", ChannelNotificationActivities.class)
          .extracting(ChannelNotificationActivities::channelNames).isEqualTo(List.of("log"));
    });
  }

  @Test
  void mailConfiguredThroughSpringMailReachesTheServerOnceAcrossRetries() {
    context.withPropertyValues("runway.notify.channels=log,smtp", "spring.mail.host=127.0.0.1",
        "spring.mail.port=" + smtp.getSmtp().getPort(), "runway.notify.smtp.from=runway@example.com",
        "runway.notify.smtp.user-domain=example.com").run(app -> {
          NotificationActivities notifications = app.getBean(NotificationActivities.class);
          Notification reminder = new Notification("fraud-scoring.intake.reminder", "REMINDER", "fraud-scoring", null,
              List.of("user:ana"), "Intake of Fraud scoring waits for you", null);

          notifications.send(reminder);
          notifications.send(reminder);

          assertThat(smtp.getReceivedMessages()).hasSize(1);
          assertThat(jdbc.sql("select count(*) from notification_delivery where request_key = 'fraud-scoring.intake.reminder'")
              .query(Integer.class).single()).isEqualTo(2);
        });
  }

  @Test
  void mailWithoutAMailServerStopsStartUpNamingTheSetting() {
    context.withPropertyValues("runway.notify.channels=smtp", "runway.notify.smtp.from=runway@example.com")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("spring.mail.host"));
  }

  @Test
  void slackWithoutAWebhookStopsStartUpNamingTheEnvironmentVariable() {
    context.withPropertyValues("runway.notify.channels=log,slack")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("RUNWAY_SLACK_WEBHOOK_URL"));
  }

  @Test
  void anUnknownChannelStopsStartUp() {
    context.withPropertyValues("runway.notify.channels=log,teams")
        .run(app -> assertThat(app).hasFailed().getFailure().rootCause().hasMessageContaining("unknown channel 'teams'"));
  }
}

package io.runway.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.activity.Notification;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The notification activity: outbox first, then each channel at most once per request key. */
@ExtendWith(PostgresExtension.class)
class NotificationChannelsTest {

  private static final String KEY = "fraud-scoring.security-review.1.reminder";
  private final JdbcClient jdbc;
  /** What each channel saw, in order, with whether the outbox row existed at that moment. */
  private final List<String> seen = new ArrayList<>();

  NotificationChannelsTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
  }

  private static Notification reminder() {
    return new Notification(KEY, "REMINDER", "fraud-scoring", "fraud-scoring.security-review.1",
        List.of("group:security"), "Security review of Fraud scoring is due in 3 days", "Please decide.");
  }

  /** A channel that records its calls and fails its first {@code failures} of them with {@code failure}. */
  private NotificationChannel channel(String name, int failures, ApplicationFailure failure) {
    return new NotificationChannel() {
      private int calls;

      @Override
      public String name() {
        return name;
      }

      @Override
      public void deliver(Notification notification) {
        int outboxRows = jdbc.sql("select count(*) from notification_outbox where request_key = ?").param(notification.requestKey())
            .query(Integer.class).single();
        seen.add(name + (outboxRows == 1 ? " after outbox" : " before outbox"));
        if (calls++ < failures) {
          throw failure;
        }
      }
    };
  }

  private NotificationChannel healthy(String name) {
    return channel(name, 0, null);
  }

  @Test
  void anOwnerWrittenAsAUsersAddressIsNotifiedAsThatUser() {
    new io.runway.activities.users.UserDirectory(jdbc).seen("ana", "ana@acme.example", "Ana", List.of("security"), "oidc");
    List<Notification> delivered = new ArrayList<>();
    NotificationChannel recording = new NotificationChannel() {
      @Override
      public String name() {
        return "log";
      }

      @Override
      public void deliver(Notification notification) {
        delivered.add(notification);
      }
    };
    Notification changesRequested = new Notification("fraud-scoring.security-review.1/CHANGES_REQUESTED", "CHANGES_REQUESTED",
        "fraud-scoring", "fraud-scoring.security-review.1", List.of("user: Ana@ACME.example", "user:olga.ops", "group:security"),
        "changes requested", "Add rate limiting.");

    new ChannelNotificationActivities(jdbc, List.of(recording)).send(changesRequested);

    assertThat(delivered).singleElement().satisfies(n -> assertThat(n.recipients())
        .containsExactly("user:ana", "user:olga.ops", "group:security"));
    assertThat(jdbc.sql("select array_to_string(recipients, ',') from notification_outbox").query(String.class).single())
        .isEqualTo("user:ana,user:olga.ops,group:security");
  }

  @Test
  void writesTheOutboxBeforeAnyChannelAndRecordsEachDelivery() {
    new ChannelNotificationActivities(jdbc, List.of(healthy("log"), healthy("smtp"))).send(reminder());

    assertThat(seen).containsExactly("log after outbox", "smtp after outbox");
    assertThat(jdbc.sql("select channel from notification_delivery where request_key = ? order by channel").param(KEY)
        .query(String.class).list()).containsExactly("log", "smtp");
  }

  @Test
  void aRetryAfterOneChannelFailedResendsOnlyThatChannel() {
    ApplicationFailure slackDown = ApplicationFailure.newFailure("Slack post answered HTTP 500", "SlackUnavailable");
    var notifications = new ChannelNotificationActivities(jdbc, List.of(healthy("smtp"), channel("slack", 1, slackDown), healthy("log")));

    assertThatThrownBy(() -> notifications.send(reminder())).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
      assertThat(f.isNonRetryable()).isFalse();
      assertThat(f.getType()).isEqualTo("SlackUnavailable");
      assertThat(f.getOriginalMessage()).isEqualTo("notification " + KEY + " not delivered: Slack post answered HTTP 500");
    });
    notifications.send(reminder());

    assertThat(seen).containsExactly("smtp after outbox", "slack after outbox", "log after outbox", "slack after outbox");
    assertThat(jdbc.sql("select count(*) from notification_outbox").query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void theFailureIsFinalOnlyWhenEveryFailedChannelIsAndWaitsForTheLongestRetryAfter() {
    ApplicationFailure revoked = ApplicationFailure.newNonRetryableFailure("Slack answered HTTP 404: no_service", "SlackRejected");
    ApplicationFailure throttled = ApplicationFailure.newBuilder().setMessage("SMTP busy").setType("SMTPUnavailable")
        .setNextRetryDelay(Duration.ofSeconds(30)).build();

    assertThatThrownBy(() -> new ChannelNotificationActivities(jdbc, List.of(channel("slack", 1, revoked), channel("smtp", 1, throttled)))
        .send(reminder())).isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
          assertThat(f.getType()).isEqualTo("NotificationChannelsFailed");
          assertThat(f.getOriginalMessage()).contains("no_service").contains("SMTP busy");
        });
    assertThatThrownBy(() -> new ChannelNotificationActivities(jdbc, List.of(channel("slack", 1, revoked))).send(reminder()))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> assertThat(f.isNonRetryable()).isTrue());
  }

  @Test
  void onlyTheConfiguredChannelsAreBuiltAndLogIsTheDefault() {
    var byDefault = new ChannelNotificationActivities(jdbc, ChannelNotificationActivities.enabled(new NotifyProperties(null, null, null), () -> {
      throw new AssertionError("mail is not enabled: no JavaMailSender may be asked for");
    }));
    assertThat(byDefault.channelNames()).containsExactly("log");

    var chosen = ChannelNotificationActivities.enabled(new NotifyProperties(List.of(" Slack ", "log", "slack"), null,
        new NotifyProperties.Slack("https://hooks.slack.com/services/T0/B0/x", null)), () -> null);
    assertThat(chosen).extracting(NotificationChannel::name).containsExactly("slack", "log");
  }
}

package io.runway.activities.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.testing.PostgresExtension;
import io.runway.lifecycle.activity.Notification;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;

@ExtendWith(PostgresExtension.class)
class OutboxNotificationActivitiesTest {

  private final JdbcClient jdbc;
  private final OutboxNotificationActivities notifications;

  OutboxNotificationActivitiesTest(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.notifications = new OutboxNotificationActivities(jdbc);
  }

  private static Notification reminder(String requestKey) {
    return new Notification(requestKey, "REMINDER", "fraud-scoring", "fraud-scoring.security-review.1",
        List.of("group:security", "lead:security"), "Security review of Fraud scoring is due in 3 days", "Please decide.");
  }

  @Test
  void sendingOneNotificationTwiceLeavesOneOutboxRow() {
    notifications.send(reminder("fraud-scoring.security-review.1.reminder"));
    notifications.send(reminder("fraud-scoring.security-review.1.reminder"));

    assertThat(jdbc.sql("select count(*) from notification_outbox").query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void outboxRowKeepsKindRecipientsAndSubject() {
    notifications.send(reminder("fraud-scoring.security-review.1.reminder"));
    notifications.send(reminder("fraud-scoring.security-review.1.breach"));

    assertThat(jdbc.sql("select kind || ' ' || array_to_string(recipients, ',') || ' ' || subject from notification_outbox where request_key like '%.reminder'")
        .query(String.class).single())
        .isEqualTo("REMINDER group:security,lead:security Security review of Fraud scoring is due in 3 days");
    assertThat(jdbc.sql("select count(*) from notification_outbox").query(Integer.class).single()).isEqualTo(2);
  }
}

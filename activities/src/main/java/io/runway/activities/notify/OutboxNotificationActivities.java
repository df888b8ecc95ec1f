package io.runway.activities.notify;

import io.runway.activities.jdbc.PgValues;
import io.runway.lifecycle.activity.Notification;
import io.runway.lifecycle.activity.NotificationActivities;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Records every reminder and escalation in the outbox (the audit of who was chased, and the queue
 * mail or chat senders drain) and logs it, so a laptop install shows notifications with no mail set up.
 */
@Component("notificationActivities")
public class OutboxNotificationActivities implements NotificationActivities {

  private static final Logger log = LoggerFactory.getLogger(OutboxNotificationActivities.class);

  private final JdbcClient jdbc;

  public OutboxNotificationActivities(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void send(Notification notification) {
    List<String> recipients = notification.recipients() == null ? List.of() : notification.recipients();
    int inserted = jdbc.sql("""
            insert into notification_outbox (request_key, kind, initiative_key, task_id, recipients, subject, body)
            values (:key, :kind, :initiative, :task, :recipients, :subject, :body)
            on conflict (request_key) do nothing""")
        .param("key", notification.requestKey())
        .param("kind", notification.kind())
        .param("initiative", notification.initiativeKey())
        .param("task", notification.taskId())
        .param("recipients", PgValues.textArray(recipients))
        .param("subject", notification.subject())
        .param("body", notification.body())
        .update();
    // a retried send logs nothing new, matching the single outbox row people will see
    if (inserted > 0) {
      log.info("notification {} for {} to {}: {}", notification.kind(), notification.initiativeKey(), recipients,
          notification.subject());
    }
  }
}

package io.runway.activities.notify;

import io.runway.activities.jdbc.PgValues;
import io.runway.lifecycle.activity.Notification;
import io.runway.lifecycle.activity.NotificationActivities;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Records every reminder and escalation in the outbox, once per request key: the audit of who was
 * chased, written before any channel is tried so it holds even what no channel could deliver.
 * Not a bean of its own: {@link ChannelNotificationActivities} calls it first, then the channels.
 */
public class OutboxNotificationActivities implements NotificationActivities {

  private final JdbcClient jdbc;

  public OutboxNotificationActivities(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @Override
  public void send(Notification notification) {
    List<String> recipients = notification.recipients() == null ? List.of() : notification.recipients();
    jdbc.sql("""
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
  }
}

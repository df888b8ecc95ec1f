package io.runway.activities.notify;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Which channels have delivered which notification. Mail and chat take no idempotency key, so this
 * record is what stops a retried send from mailing or posting twice.
 */
final class NotificationDeliveries {

  private final JdbcClient jdbc;

  NotificationDeliveries(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  boolean delivered(String requestKey, String channel) {
    return jdbc.sql("select exists (select 1 from notification_delivery where request_key = :key and channel = :channel)")
        .param("key", requestKey)
        .param("channel", channel)
        .query(Boolean.class)
        .single();
  }

  void record(String requestKey, String channel) {
    jdbc.sql("insert into notification_delivery (request_key, channel) values (:key, :channel) on conflict do nothing")
        .param("key", requestKey)
        .param("channel", channel)
        .update();
  }
}

package io.runway.activities.notify;

import io.runway.lifecycle.activity.Notification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The default channel: a laptop install shows its notifications in the log with no mail set up. */
final class LogChannel implements NotificationChannel {

  static final String NAME = "log";
  private static final Logger log = LoggerFactory.getLogger(LogChannel.class);

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void deliver(Notification notification) {
    log.info("notification {} for {} to {}: {}", notification.kind(), notification.initiativeKey(), notification.recipients(),
        notification.subject());
  }
}

package io.runway.activities.notify;

import io.runway.lifecycle.activity.Notification;

/**
 * One way a notification reaches people (log, mail, chat). A channel throws when it could not deliver;
 * an {@link io.temporal.failure.ApplicationFailure} it throws keeps its retry decision.
 */
public interface NotificationChannel {

  /** The name used in {@code runway.notify.channels} and in the delivery record. */
  String name();

  void deliver(Notification notification);
}

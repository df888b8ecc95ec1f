package io.runway.lifecycle.activity;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface NotificationActivities {

  void send(Notification notification);
}

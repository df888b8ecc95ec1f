package io.runway.activities.notify;

import io.runway.activities.notify.slack.SlackChannel;
import io.runway.activities.notify.smtp.SmtpChannel;
import io.runway.activities.users.UserDirectory;
import io.runway.lifecycle.activity.Notification;
import io.runway.lifecycle.activity.NotificationActivities;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

/**
 * The notification activity: the outbox first, so the audit holds every notification whatever the
 * channels do, then each configured channel that has not delivered this request key yet. Every
 * channel is tried even when one fails, so a broken chat hook does not hold back the mail; the
 * activity then fails with all their reasons, and its retry only repeats the channels that failed.
 */
@Component("notificationActivities")
@EnableConfigurationProperties(NotifyProperties.class)
public class ChannelNotificationActivities implements NotificationActivities {

  private static final String USER = "user:";

  private final OutboxNotificationActivities outbox;
  private final NotificationDeliveries deliveries;
  private final UserDirectory directory;
  private final List<NotificationChannel> channels;

  @Autowired
  public ChannelNotificationActivities(JdbcClient jdbc, NotifyProperties properties, ObjectProvider<JavaMailSender> mail) {
    this(jdbc, enabled(properties, mail::getIfAvailable, new UserDirectory(jdbc)));
  }

  ChannelNotificationActivities(JdbcClient jdbc, List<NotificationChannel> channels) {
    this.outbox = new OutboxNotificationActivities(jdbc);
    this.deliveries = new NotificationDeliveries(jdbc);
    this.directory = new UserDirectory(jdbc);
    this.channels = List.copyOf(channels);
  }

  @Override
  public void send(Notification sent) {
    Notification notification = addressedToUsers(sent);
    outbox.send(notification);
    List<ApplicationFailure> failures = new ArrayList<>();
    for (NotificationChannel channel : channels) {
      if (deliveries.delivered(notification.requestKey(), channel.name())) {
        continue;
      }
      try {
        channel.deliver(notification);
        deliveries.record(notification.requestKey(), channel.name());
      } catch (ApplicationFailure failure) {
        failures.add(failure);
      } catch (RuntimeException e) {
        failures.add(ApplicationFailure.newFailure(channel.name() + " failed: " + e, "NotificationChannelFailed"));
      }
    }
    if (!failures.isEmpty()) {
      throw combined(notification.requestKey(), failures);
    }
  }

  /**
   * {@code user:<name>} recipients that name a Runway user (an owner written as the user's e-mail, or
   * in another case) become {@code user:<username>}, so the user gets the owner's notifications.
   */
  private Notification addressedToUsers(Notification notification) {
    List<String> recipients = notification.recipients() == null ? List.of() : notification.recipients();
    List<String> names = recipients.stream().filter(r -> r.startsWith(USER)).map(r -> r.substring(USER.length())).toList();
    if (names.isEmpty()) {
      return notification;
    }
    Map<String, UserDirectory.User> linked = directory.linked(names);
    List<String> addressed = recipients.stream()
        .map(r -> r.startsWith(USER) && linked.containsKey(r.substring(USER.length()))
            ? USER + linked.get(r.substring(USER.length())).username() : r)
        .distinct()
        .toList();
    return new Notification(notification.requestKey(), notification.kind(), notification.initiativeKey(),
        notification.taskId(), addressed, notification.subject(), notification.body());
  }

  List<String> channelNames() {
    return channels.stream().map(NotificationChannel::name).toList();
  }

  /** Final only when every failure is final; after the longest Retry-After any channel asked for. */
  private static ApplicationFailure combined(String requestKey, List<ApplicationFailure> failures) {
    String reasons = failures.stream().map(ApplicationFailure::getOriginalMessage).collect(Collectors.joining("; "));
    Duration delay = failures.stream().map(ApplicationFailure::getNextRetryDelay).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).orElse(null);
    return ApplicationFailure.newBuilder()
        .setMessage("notification " + requestKey + " not delivered: " + reasons)
        .setType(failures.size() == 1 ? failures.getFirst().getType() : "NotificationChannelsFailed")
        .setNonRetryable(failures.stream().allMatch(ApplicationFailure::isNonRetryable))
        .setNextRetryDelay(delay)
        .build();
  }

  /** Builds only the channels named, so one that is not enabled needs no settings and is never called. */
  static List<NotificationChannel> enabled(NotifyProperties properties, Supplier<JavaMailSender> mail) {
    return enabled(properties, mail, null);
  }

  static List<NotificationChannel> enabled(NotifyProperties properties, Supplier<JavaMailSender> mail,
      UserDirectory directory) {
    return properties.channels().stream().<NotificationChannel>map(name -> switch (name) {
      case LogChannel.NAME -> new LogChannel();
      case SmtpChannel.NAME -> directory == null ? new SmtpChannel(mail.get(), properties.smtp())
          : new SmtpChannel(mail.get(), properties.smtp(), user -> directory.user(user).map(UserDirectory.User::email));
      case SlackChannel.NAME -> new SlackChannel(properties.slack());
      default -> throw new IllegalStateException("runway.notify.channels names an unknown channel '" + name
          + "'; the channels are " + LogChannel.NAME + ", " + SmtpChannel.NAME + " and " + SlackChannel.NAME);
    }).toList();
  }
}

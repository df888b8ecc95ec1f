package io.runway.activities.notify.smtp;

import io.runway.activities.notify.NotificationChannel;
import io.runway.activities.notify.NotifyProperties;
import io.runway.lifecycle.activity.Notification;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailAuthenticationException;
import org.springframework.mail.MailException;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

/**
 * One plain-text mail per notification to every recipient that has a mailbox. A recipient without
 * one is logged and left out rather than failing the rest; a mail server that is down is retried,
 * while a message it can never take (bad address, refused login) is not.
 */
public final class SmtpChannel implements NotificationChannel {

  public static final String NAME = "smtp";
  private static final String SYSTEM = "SMTP";
  private static final Logger log = LoggerFactory.getLogger(SmtpChannel.class);

  private final JavaMailSender mail;
  private final NotifyProperties.Smtp settings;
  private final Function<String, Optional<String>> userEmail;

  public SmtpChannel(JavaMailSender mail, NotifyProperties.Smtp settings) {
    this(mail, settings, user -> Optional.empty());
  }

  /** {@code userEmail}: a Runway user's address as their identity provider gave it (the user directory). */
  public SmtpChannel(JavaMailSender mail, NotifyProperties.Smtp settings, Function<String, Optional<String>> userEmail) {
    if (mail == null) {
      throw new IllegalStateException("runway.notify.channels includes smtp but no mail server is configured: set spring.mail.host"
          + " (env SPRING_MAIL_HOST) and, as the server needs them, spring.mail.port, .username, .password");
    }
    if (settings.from() == null || settings.from().isBlank()) {
      throw new IllegalStateException(
          "runway.notify.channels includes smtp but runway.notify.smtp.from (env RUNWAY_NOTIFY_SMTP_FROM) is not set");
    }
    this.mail = mail;
    this.settings = settings;
    this.userEmail = userEmail;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void deliver(Notification notification) {
    List<String> to = mailboxes(notification);
    if (to.isEmpty()) {
      log.warn("notification {} mailed to nobody: none of {} has a mailbox", notification.requestKey(), notification.recipients());
      return;
    }
    SimpleMailMessage message = new SimpleMailMessage();
    message.setFrom(settings.from());
    message.setTo(to.toArray(String[]::new));
    message.setSubject(notification.subject());
    message.setText(text(notification));
    try {
      mail.send(message);
    } catch (MailParseException | MailAuthenticationException | MailPreparationException e) {
      throw ApplicationFailure.newNonRetryableFailure(SYSTEM + " send " + notification.requestKey() + " refused: " + e.getMessage(),
          "SMTPRejected");
    } catch (MailException e) {
      throw ApplicationFailure.newFailure(SYSTEM + " send " + notification.requestKey() + " failed: " + e.getMessage(), "SMTPUnavailable");
    }
  }

  private List<String> mailboxes(Notification notification) {
    List<String> to = new ArrayList<>();
    for (String recipient : notification.recipients() == null ? List.<String>of() : notification.recipients()) {
      Optional<String> mailbox = mailbox(recipient);
      mailbox.filter(m -> !to.contains(m)).ifPresent(to::add);
      if (mailbox.isEmpty()) {
        log.info("notification {}: no mailbox for {}; set runway.notify.smtp.user-domain, .groups.<group> or .leads.<group>",
            notification.requestKey(), recipient);
      }
    }
    return to;
  }

  /**
   * {@code user:ana} → the address ana's identity provider gave, else ana@user-domain; {@code user:} an
   * address (an owner no Runway user matches) → that address; {@code group:g} → groups.g, {@code lead:g} → leads.g.
   */
  Optional<String> mailbox(String recipient) {
    int colon = recipient.indexOf(':');
    String kind = colon < 0 ? "" : recipient.substring(0, colon);
    String name = recipient.substring(colon + 1).strip();
    String address = switch (kind) {
      case "user" -> userMailbox(name);
      case "group" -> settings.groups().get(name);
      case "lead" -> settings.leads().get(name);
      default -> null;
    };
    return Optional.ofNullable(address).filter(a -> !a.isBlank());
  }

  private String userMailbox(String name) {
    if (blank(name)) {
      return null;
    }
    Optional<String> known = userEmail.apply(name);
    if (known.isPresent()) {
      return known.get();
    }
    if (name.indexOf('@') > 0) {
      return name;
    }
    return blank(settings.userDomain()) ? null : name + "@" + settings.userDomain();
  }

  private static String text(Notification notification) {
    StringBuilder text = new StringBuilder(notification.body() == null ? "" : notification.body());
    text.append("\n\n-- \nRunway: initiative ").append(notification.initiativeKey());
    if (notification.taskId() != null) {
      text.append(", task ").append(notification.taskId());
    }
    return text.append("\nSent to ").append(String.join(", ", notification.recipients() == null ? List.of() : notification.recipients()))
        .append('\n').toString();
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}

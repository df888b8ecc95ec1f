package io.runway.activities.notify.smtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.runway.activities.notify.NotifyProperties;
import io.runway.lifecycle.activity.Notification;
import io.temporal.failure.ApplicationFailure;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** The mail channel against a real SMTP server (GreenMail, in process, on a free port). */
class SmtpChannelTest {

  @RegisterExtension
  static final GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

  private static final NotifyProperties.Smtp SETTINGS = new NotifyProperties.Smtp("runway@example.com", "example.com",
      Map.of("security", "security-team@example.com", "broken", "not a mailbox@@"), Map.of("security", "sec-lead@example.com"));

  private static JavaMailSenderImpl sender(int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    sender.getJavaMailProperties().put("mail.smtp.connectiontimeout", "2000");
    return sender;
  }

  private static Notification reminder(String... recipients) {
    return new Notification("fraud-scoring.security-review.1.reminder", "REMINDER", "fraud-scoring", "fraud-scoring.security-review.1",
        List.of(recipients), "Security review of Fraud scoring is due in 3 days", "Please decide.");
  }

  private SmtpChannel channel;

  @BeforeEach
  void connect() {
    // the extension starts a fresh server per test, so its port is known only now
    channel = new SmtpChannel(sender(smtp.getSmtp().getPort()), SETTINGS);
  }

  @Test
  void mailsUsersGroupsAndLeadsAtTheirMailboxesAndSkipsTheUnknown() throws Exception {
    channel.deliver(reminder("user:ana", "group:security", "lead:security", "group:legal", "someone"));

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(3);
    MimeMessage mail = received[0];
    assertThat(Arrays.stream(mail.getRecipients(Message.RecipientType.TO)).map(Object::toString))
        .containsExactly("ana@example.com", "security-team@example.com", "sec-lead@example.com");
    assertThat(mail.getFrom()[0].toString()).isEqualTo("runway@example.com");
    assertThat(mail.getSubject()).isEqualTo("Security review of Fraud scoring is due in 3 days");
    assertThat(GreenMailUtil.getBody(mail)).startsWith("Please decide.")
        .contains("initiative fraud-scoring, task fraud-scoring.security-review.1");
  }

  @Test
  void aUserIsMailedAtTheAddressTheirIdentityProviderGaveAndAnAddressAsIs() throws Exception {
    SmtpChannel withDirectory = new SmtpChannel(sender(smtp.getSmtp().getPort()), SETTINGS,
        user -> user.equals("ana") ? java.util.Optional.of("ana.lima@acme.example") : java.util.Optional.empty());

    withDirectory.deliver(reminder("user:ana", "user:olga@partner.example", "user:tom"));

    assertThat(Arrays.stream(smtp.getReceivedMessages()[0].getRecipients(Message.RecipientType.TO)).map(Object::toString))
        .containsExactly("ana.lima@acme.example", "olga@partner.example", "tom@example.com");
  }

  @Test
  void aNotificationWithNoMailboxSendsNothingAndDoesNotFail() {
    channel.deliver(reminder("group:legal", "lead:legal"));

    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void anAddressTheServerCanNeverTakeIsAFinalFailure() {
    assertThatThrownBy(() -> channel.deliver(reminder("group:broken")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isTrue();
          assertThat(f.getType()).isEqualTo("SMTPRejected");
        });
  }

  @Test
  void aMailServerThatIsDownIsRetried() throws IOException {
    int closedPort;
    try (ServerSocket free = new ServerSocket(0)) {
      closedPort = free.getLocalPort();
    }

    assertThatThrownBy(() -> new SmtpChannel(sender(closedPort), SETTINGS).deliver(reminder("user:ana")))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getType()).isEqualTo("SMTPUnavailable");
        });
  }

  @Test
  void withoutASenderAddressOrAMailServerTheChannelRefusesToStart() {
    assertThatThrownBy(() -> new SmtpChannel(sender(25), new NotifyProperties.Smtp(" ", null, null, null)))
        .hasMessageContaining("runway.notify.smtp.from (env RUNWAY_NOTIFY_SMTP_FROM)");
    assertThatThrownBy(() -> new SmtpChannel(null, SETTINGS)).hasMessageContaining("spring.mail.host (env SPRING_MAIL_HOST)");
  }
}

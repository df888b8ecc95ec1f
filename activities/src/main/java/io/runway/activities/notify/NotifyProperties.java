package io.runway.activities.notify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which channels notifications go through besides the outbox, and what each needs.
 *
 * @param channels {@code log}, {@code smtp}, {@code slack}, comma separated; {@code log} when unset
 */
@ConfigurationProperties("runway.notify")
public record NotifyProperties(List<String> channels, Smtp smtp, Slack slack) {

  public NotifyProperties {
    List<String> named = channels == null ? List.of()
        : channels.stream().map(c -> c.trim().toLowerCase(Locale.ROOT)).filter(c -> !c.isEmpty()).distinct().toList();
    channels = named.isEmpty() ? List.of(LogChannel.NAME) : named;
    smtp = smtp == null ? new Smtp(null, null, null, null) : smtp;
    slack = slack == null ? new Slack(null, null) : slack;
  }

  /**
   * Mail: the sender address, and how Runway addresses become mailboxes.
   *
   * @param userDomain {@code user:ana} is mailed to {@code ana@<userDomain>}; without it users get no mail
   * @param groups {@code group:<g>} is mailed to {@code groups.<g>} (a team list)
   * @param leads {@code lead:<g>} is mailed to {@code leads.<g>}
   */
  public record Smtp(String from, String userDomain, Map<String, String> groups, Map<String, String> leads) {
    public Smtp {
      groups = groups == null ? Map.of() : Map.copyOf(groups);
      leads = leads == null ? Map.of() : Map.copyOf(leads);
    }
  }

  /**
   * A Slack (or Slack-compatible) incoming webhook. Its URL is the credential: anyone holding it can
   * post, so it comes from the environment and is never printed.
   */
  public record Slack(String webhookUrl, Duration timeout) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public Slack {
      timeout = timeout == null ? DEFAULT_TIMEOUT : timeout;
    }

    @Override
    public String toString() {
      return "Slack[webhookUrl=" + (webhookUrl == null || webhookUrl.isBlank() ? "none" : "****") + ", timeout=" + timeout + "]";
    }
  }
}

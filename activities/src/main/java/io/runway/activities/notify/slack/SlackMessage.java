package io.runway.activities.notify.slack;

import io.runway.lifecycle.activity.Notification;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Slack's message shape: {@code text} is the fallback shown in notifications and by clients without
 * blocks, {@code blocks} the formatted message (a header, the body, and a context line naming the
 * initiative, the task and whom it is for). Recipients stay Runway names: a webhook cannot look up
 * Slack user ids, so nobody is @-mentioned.
 */
final class SlackMessage {

  /** Slack refuses a header over 150 characters and a section over 3000 with invalid_blocks. */
  private static final int MAX_HEADER = 150;
  private static final int MAX_SECTION = 3000;

  private SlackMessage() {}

  static Map<String, Object> of(Notification notification) {
    String recipients = String.join(", ", notification.recipients() == null ? List.of() : notification.recipients());
    StringBuilder context = new StringBuilder("Initiative *").append(escape(notification.initiativeKey())).append('*');
    if (notification.taskId() != null) {
      context.append(" · task `").append(escape(notification.taskId())).append('`');
    }
    context.append(" · for ").append(escape(recipients));

    List<Map<String, Object>> blocks = new ArrayList<>();
    blocks.add(Map.of("type", "header", "text", Map.of("type", "plain_text", "text", cut(notification.subject(), MAX_HEADER))));
    if (notification.body() != null && !notification.body().isBlank()) {
      blocks.add(Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", cut(escape(notification.body()), MAX_SECTION))));
    }
    blocks.add(Map.of("type", "context", "elements", List.of(Map.of("type", "mrkdwn", "text", cut(context.toString(), MAX_SECTION)))));

    String text = notification.subject() + " (initiative " + notification.initiativeKey()
        + (notification.taskId() == null ? "" : ", task " + notification.taskId()) + "; for " + recipients + ")";
    return Map.of("text", escape(text), "blocks", blocks);
  }

  /** The three characters Slack's mrkdwn reserves for links and mentions. */
  static String escape(String text) {
    return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }

  private static String cut(String text, int max) {
    String value = text == null ? "" : text;
    return value.length() <= max ? value : value.substring(0, max - 1) + "…";
  }
}

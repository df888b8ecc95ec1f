package io.runway.activities.notify.slack;

import io.runway.activities.http.VendorHttp;
import io.runway.activities.notify.NotificationChannel;
import io.runway.activities.notify.NotifyProperties;
import io.runway.lifecycle.activity.Notification;
import java.net.URI;

/**
 * Posts each notification to an incoming webhook. Slack answers 200 {@code ok}, or 400
 * {@code invalid_payload}, 403/404 for a revoked hook ({@code no_service}), 429 with Retry-After:
 * {@link io.runway.activities.http.VendorFailures} turns those into retry or stop. The webhook URL is
 * the credential, so it is split into a host (which failures may name) and a secret path (which they don't).
 */
public final class SlackChannel implements NotificationChannel {

  public static final String NAME = "slack";
  private static final String SYSTEM = "Slack";

  private final VendorHttp http;
  private final String secretPath;

  public SlackChannel(NotifyProperties.Slack settings) {
    URI webhook = webhook(settings.webhookUrl());
    this.http = new VendorHttp(SYSTEM, URI.create(webhook.getScheme() + "://" + webhook.getRawAuthority()), settings.timeout(), () -> null);
    this.secretPath = webhook.getRawPath() + (webhook.getRawQuery() == null ? "" : "?" + webhook.getRawQuery());
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void deliver(Notification notification) {
    http.send("post webhook message for " + notification.requestKey(), "POST", secretPath, SlackMessage.of(notification));
  }

  private static URI webhook(String url) {
    if (url == null || url.isBlank()) {
      throw new IllegalStateException(
          "runway.notify.channels includes slack but runway.notify.slack.webhook-url (env RUNWAY_SLACK_WEBHOOK_URL) is not set");
    }
    URI webhook;
    try {
      webhook = URI.create(url.trim());
    } catch (IllegalArgumentException e) {
      // the message would quote the URL, which is the secret
      throw new IllegalStateException("runway.notify.slack.webhook-url (env RUNWAY_SLACK_WEBHOOK_URL) is not a valid URL");
    }
    if (!("https".equals(webhook.getScheme()) || "http".equals(webhook.getScheme())) || webhook.getRawAuthority() == null) {
      throw new IllegalStateException("runway.notify.slack.webhook-url (env RUNWAY_SLACK_WEBHOOK_URL) must be an http(s) URL");
    }
    return webhook;
  }
}

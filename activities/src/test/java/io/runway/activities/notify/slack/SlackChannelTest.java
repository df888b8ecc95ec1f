package io.runway.activities.notify.slack;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.runway.activities.notify.NotifyProperties;
import io.runway.lifecycle.activity.Notification;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chat channel against a WireMock answering as Slack's incoming webhooks do. */
class SlackChannelTest {

  private static final WireMockServer slack = new WireMockServer(wireMockConfig().dynamicPort());
  private static final String HOOK_PATH = "/services/T0RUNWAY/B0NOTIFY/s3cr3tHookToken";
  private SlackChannel channel;

  @BeforeAll
  static void start() {
    slack.start();
  }

  @AfterAll
  static void stop() {
    slack.stop();
  }

  @BeforeEach
  void reset() {
    slack.resetAll();
    channel = new SlackChannel(new NotifyProperties.Slack(slack.baseUrl() + HOOK_PATH, Duration.ofSeconds(2)));
  }

  private static Notification escalation(String body) {
    return new Notification("fraud-scoring.security-review.1.breach", "ESCALATION", "fraud-scoring", "fraud-scoring.security-review.1",
        List.of("lead:security", "user:ana"), "Security review of Fraud scoring is overdue", body);
  }

  private ApplicationFailure failureOf(int status, String body, String retryAfter) {
    var response = aResponse().withStatus(status).withHeader("Content-Type", "text/plain").withBody(body);
    if (retryAfter != null) {
      response.withHeader("Retry-After", retryAfter);
    }
    slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(response));
    try {
      channel.deliver(escalation("Please decide."));
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("no failure for HTTP " + status);
  }

  @Test
  void postsTextAndBlocksNamingTheInitiativeTheTaskAndTheRecipients() {
    slack.stubFor(post(urlEqualTo(HOOK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));

    channel.deliver(escalation("Overdue by 2 days: <decide> & sign"));

    slack.verify(1, postRequestedFor(urlEqualTo(HOOK_PATH)).withRequestBody(equalToJson("""
        {"text": "Security review of Fraud scoring is overdue (initiative fraud-scoring, task fraud-scoring.security-review.1; for lead:security, user:ana)",
         "blocks": [
           {"type": "header", "text": {"type": "plain_text", "text": "Security review of Fraud scoring is overdue"}},
           {"type": "section", "text": {"type": "mrkdwn", "text": "Overdue by 2 days: &lt;decide&gt; &amp; sign"}},
           {"type": "context", "elements": [{"type": "mrkdwn",
             "text": "Initiative *fraud-scoring* · task `fraud-scoring.security-review.1` · for lead:security, user:ana"}]}]}""")));
  }

  @Test
  void anInvalidPayloadIsFinalAndTheHookPathNeverShows() {
    ApplicationFailure failure = failureOf(400, "invalid_payload", null);

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("HTTP 400: invalid_payload").doesNotContain("s3cr3t").doesNotContain("/services/");
  }

  @Test
  void aRemovedHookIsFinal() {
    assertThat(failureOf(404, "no_service", null).isNonRetryable()).isTrue();
  }

  @Test
  void rateLimitingRetriesAfterSlacksRetryAfter() {
    ApplicationFailure failure = failureOf(429, "rate_limited", "30");

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void aSlackOutageIsRetried() {
    assertThat(failureOf(500, "internal_error", null).isNonRetryable()).isFalse();
  }

  @Test
  void aMissingOrMalformedWebhookStopsStartUpWithoutQuotingIt() {
    assertThatThrownBy(() -> new SlackChannel(new NotifyProperties.Slack(null, null)))
        .hasMessageContaining("runway.notify.slack.webhook-url (env RUNWAY_SLACK_WEBHOOK_URL) is not set");
    assertThatThrownBy(() -> new SlackChannel(new NotifyProperties.Slack("https://hooks.slack.com/services/T0/ s3cr3t", null)))
        .hasMessageContaining("is not a valid URL").message().doesNotContain("s3cr3t");
    assertThat(new NotifyProperties.Slack("https://hooks.slack.com/services/T0/B0/s3cr3t", null).toString()).doesNotContain("s3cr3t");
  }
}

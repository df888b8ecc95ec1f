package io.runway.activities.http;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The failure rules every adapter shares, against real HTTP answers. */
class VendorHttpTest {

  private static final WireMockServer vendor = new WireMockServer(wireMockConfig().dynamicPort());
  private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T10:00:00Z"), ZoneOffset.UTC);
  private VendorHttp http;

  @BeforeAll
  static void start() throws Exception {
    vendor.start();
    // the first request to a cold WireMock can take most of a second on a busy 2-core machine
    java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(URI.create(vendor.baseUrl() + "/__admin/mappings")).build(),
        java.net.http.HttpResponse.BodyHandlers.discarding());
  }

  @AfterAll
  static void stop() {
    vendor.stop();
  }

  @BeforeEach
  void reset() {
    vendor.resetAll();
    http = new VendorHttp("Jira", URI.create(vendor.baseUrl()), Duration.ofSeconds(2), () -> "Basic c2VjcmV0LXRva2Vu", NOW);
  }

  private ApplicationFailure failureOf(int status, String retryAfter, String body) {
    var response = aResponse().withStatus(status).withBody(body);
    if (retryAfter != null) {
      response.withHeader("Retry-After", retryAfter);
    }
    vendor.stubFor(get(urlEqualTo("/thing")).willReturn(response));
    try {
      http.send("get thing", "GET", "/thing", null);
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("no failure for HTTP " + status);
  }

  @Test
  void throttlingRetriesAfterTheVendorsRetryAfterSeconds() {
    ApplicationFailure failure = failureOf(429, "17", "{\"errorMessages\":[\"rate limited\"]}");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(17));
    assertThat(failure.getType()).isEqualTo("JiraThrottled");
  }

  @Test
  void unavailableRetriesAfterAnHttpDate() {
    ApplicationFailure failure = failureOf(503, "Mon, 23 Nov 2026 10:01:30 GMT", "");
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void serverErrorsRetryWithTheActivitysBackoff() {
    ApplicationFailure failure = failureOf(500, null, "boom");
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isNull();
  }

  @Test
  void aRejectedRequestIsFinalAndSaysWhyInTheVendorsWords() {
    ApplicationFailure failure = failureOf(400, null, "{\"errors\":{\"summary\":\"Summary is required\"}}");
    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).isEqualTo("Jira get thing answered HTTP 400: {\"errors\":{\"summary\":\"Summary is required\"}}");
    assertThat(failure.getType()).isEqualTo("JiraRejected");
  }

  @Test
  void credentialsAreSentButNeverShownInAFailure() {
    ApplicationFailure failure = failureOf(401, null, "");
    vendor.verify(getRequestedFor(urlEqualTo("/thing")).withHeader("Authorization", equalTo("Basic c2VjcmV0LXRva2Vu")));
    assertThat(failure.getOriginalMessage()).doesNotContain("c2VjcmV0").doesNotContain("Basic");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void anAnswerTheCallExpectsIsReturnedNotThrown() {
    vendor.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withStatus(404).withBody("{\"message\":\"none\"}")));
    var response = http.send("look up thing", "GET", "/thing", null, 404);
    assertThat(response.status()).isEqualTo(404);
    assertThat(response.json().path("message").asText()).isEqualTo("none");
  }

  @Test
  void noAnswerInTimeIsRetryable() {
    vendor.stubFor(get(urlEqualTo("/thing")).willReturn(aResponse().withStatus(200).withFixedDelay(4_000)));
    assertThatThrownBy(() -> http.send("get thing", "GET", "/thing", null))
        .isInstanceOfSatisfying(ApplicationFailure.class, f -> {
          assertThat(f.isNonRetryable()).isFalse();
          assertThat(f.getOriginalMessage()).startsWith("Jira get thing got no answer");
        });
  }

  @Test
  void everyCallIsCountedByOperationAndOutcomeWithoutItsIds() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    Metrics.addRegistry(meters);
    try {
      vendor.stubFor(get(urlEqualTo("/ok")).willReturn(aResponse().withStatus(200).withBody("{}")));
      http.send("get issue RUN-1", "GET", "/ok", null);
      http.send("get issue RUN-2", "GET", "/ok", null);
      failureOf(503, null, "");
      failureOf(400, null, "");

      assertThat(meters.get("runway.integration.calls").tags("system", "Jira", "call", "get issue", "outcome", "ok").counter().count())
          .isEqualTo(2);
      assertThat(meters.get("runway.integration.calls").tags("call", "get thing", "outcome", "retryable_error").counter().count())
          .isEqualTo(1);
      assertThat(meters.get("runway.integration.calls").tags("call", "get thing", "outcome", "final_error").counter().count())
          .isEqualTo(1);
    } finally {
      Metrics.removeRegistry(meters);
    }
  }
}

package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.activities.http.VendorHttp;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What Prometheus scrapes after a short lifecycle: Runway's domain metrics beside the Temporal SDK's,
 * which the SDK reports every 10 s, hence the polling.
 */
class MetricsTest extends ApiTestSupport {

  private static final Duration SCRAPE_PATIENCE = Duration.ofSeconds(30);
  private static final Pattern TEMPORAL_COUNTER = Pattern.compile("(?m)^temporal_\\w+_total\\{");

  @Test
  void domainAndTemporalMetricsAppearOnThePrometheusEndpointAfterALifecycleRuns() {
    LifecycleSteps steps = new LifecycleSteps(api);
    String key = uniqueKey("metrics");
    launch(key, "MINIMAL");
    steps.approveAs("security-1", steps.inboxTask("security-1", "security", key));
    steps.assertGate(key, "SECURITY_REVIEW", "APPROVED");

    byte[] unsigned = "{\"webhookEvent\":\"jira:issue_updated\"}".getBytes(StandardCharsets.UTF_8);
    Api.Response refused = api.postRaw("/api/v1/webhooks/jira", unsigned, Map.of("X-Hub-Signature", "sha256=00"));
    assertThat(refused.status()).isEqualTo(401);
    // adapters count through Micrometer's global registry, which Spring Boot joins to the app's
    var unreachable = new VendorHttp("Jira", URI.create("http://127.0.0.1:1"), Duration.ofSeconds(1), () -> null);
    try {
      unreachable.send("get issue RUN-1", "GET", "/rest/api/3/issue/RUN-1", null);
    } catch (RuntimeException expected) {
      // connection refused: a retryable error, which is what the counter should show
    }

    // the SDK's timers are recorded at once, its counters only at its next 10 s report
    String scrape = scrapeUntil(text -> series(text, "runway_gate_duration_seconds_count", "gate=\"SECURITY_REVIEW\"")
        && TEMPORAL_COUNTER.matcher(text).find());
    assertThat(series(scrape, "runway_initiatives", "stage=\"DATA_READINESS\"", "risk_tier=\"MINIMAL\"")).isTrue();
    assertThat(series(scrape, "runway_initiatives", "stage=\"RETIRED\"", "risk_tier=\"HIGH\"")).as("empty stages show 0").isTrue();
    assertThat(series(scrape, "runway_gate_duration_seconds_bucket", "gate=\"SECURITY_REVIEW\"", "team=\"security\"",
        "outcome=\"APPROVED\"")).isTrue();
    assertThat(series(scrape, "runway_gate_duration_seconds_sum", "gate=\"SECURITY_REVIEW\"")).isTrue();
    assertThat(series(scrape, "runway_webhook_deliveries_total", "source=\"jira\"", "verdict=\"REJECTED_SIGNATURE\"")).isTrue();
    assertThat(series(scrape, "runway_integration_calls_total", "system=\"Jira\"", "call=\"get issue\"",
        "outcome=\"retryable_error\"")).isTrue();
    assertThat(scrape).containsPattern("(?m)^temporal_workflow_task_execution_latency_seconds_count\\{")
        .containsPattern("(?m)^temporal_activity_execution_latency_seconds_bucket\\{");
  }

  /** Whether a sample line of {@code metric} with all of {@code labels} is in the scrape. */
  private static boolean series(String scrape, String metric, String... labels) {
    return scrape.lines().filter(line -> line.startsWith(metric + "{"))
        .anyMatch(line -> java.util.Arrays.stream(labels).allMatch(line::contains));
  }

  private String scrapeUntil(Predicate<String> complete) {
    Instant deadline = Instant.now().plus(SCRAPE_PATIENCE);
    String last = "";
    while (Instant.now().isBefore(deadline)) {
      Api.Response scrape = api.get(null, "/actuator/prometheus");
      assertThat(scrape.status()).as("Prometheus scrapes without credentials").isEqualTo(200);
      last = scrape.raw();
      if (complete.test(last)) {
        return last;
      }
      sleep(Duration.ofMillis(500));
    }
    throw new AssertionError("metrics incomplete after " + SCRAPE_PATIENCE + ":\n"
        + Pattern.compile("(?m)^(?!(runway_|temporal_)).*\\R").matcher(last).replaceAll(""));
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

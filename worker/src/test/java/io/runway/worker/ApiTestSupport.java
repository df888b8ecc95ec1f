package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * One application context for every API test class (same configuration, so Spring caches it): real
 * embedded PostgreSQL, real in-process Temporal server, real HTTP on a random port, and the real
 * Prometheus registry (a test context otherwise gets a simple one and no /actuator/prometheus).
 */
@AutoConfigureMetrics
@SpringBootTest(classes = RunwayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ApiTestSupport {

  static final String PROGRAM_OFFICE = "program-office-1";

  @LocalServerPort int port;

  Api api;

  @BeforeEach
  void connect() {
    api = new Api(port);
  }

  static String uniqueKey(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A request intake accepts as complete, so the first gates open straight away. */
  static Map<String, Object> completeLaunch(String key, String tier) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", key);
    body.put("name", "Test initiative " + key);
    body.put("purpose", "Rank incoming claims for adjusters");
    body.put("businessUnit", "claims");
    body.put("riskTier", tier);
    body.put("owners", Map.of("business", "bea.owner", "technical", "tim.owner", "operations", "oli.owner"));
    body.put("sponsor", "sue.sponsor");
    body.put("dataClasses", List.of("personal"));
    body.put("kpis", List.of(Map.of("name", "cycle time", "unit", "hours", "baseline", 48, "target", 12)));
    body.put("budget", Map.of("monthlyCost", 1200, "currency", "EUR"));
    return body;
  }

  Api.Response launch(String key, String tier) {
    Api.Response launched = api.post(PROGRAM_OFFICE, "/api/v1/initiatives", completeLaunch(key, tier));
    assertThat(launched.status()).as(launched.raw()).isEqualTo(201);
    return launched;
  }

  /** Polls the read model until {@code done} holds; the projection is eventually consistent. */
  static <T> T await(String what, Supplier<T> probe, Predicate<T> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
    T last = probe.get();
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting for " + what + "; last seen: " + last);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = probe.get();
    }
    return last;
  }

  /** The open review task of {@code gate} once the projection shows it. */
  JsonNode openTask(String key, String gate) {
    JsonNode initiative =
        await(
            gate + " task of " + key,
            () -> api.get("auditor-1", "/api/v1/initiatives/" + key).json(),
            view -> findOpenTask(view, gate) != null);
    return findOpenTask(initiative, gate);
  }

  private static JsonNode findOpenTask(JsonNode view, String gate) {
    for (JsonNode task : view.path("tasks")) {
      // a task whose metrics are still being read refuses approval: tests act on it once they are read
      if (gate.equals(task.path("gate").asString()) && "OPEN".equals(task.path("status").asString())
          && !task.path("awaitingMetrics").asBoolean(false)) {
        return task;
      }
    }
    return null;
  }

  static void assertProblem(Api.Response response, int status) {
    assertThat(response.status()).as(response.raw()).isEqualTo(status);
    assertThat(response.contentType()).startsWith("application/problem+json");
    assertThat(response.json().path("status").asInt()).isEqualTo(status);
    assertThat(response.detail()).as("a detail a person can act on").isNotBlank();
  }
}

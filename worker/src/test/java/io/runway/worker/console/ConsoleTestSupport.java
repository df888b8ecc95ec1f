package io.runway.worker.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.worker.RunwayApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.micrometer.metrics.test.autoconfigure.AutoConfigureMetrics;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Browser tests of the console. Same configuration as the API tests' ApiTestSupport, so they share
 * its Spring context (real PostgreSQL, real Temporal test server, real HTTP); one Chromium per class.
 * Set-up and checks go through the REST API, the steps under test through the browser.
 */
@AutoConfigureMetrics
@SpringBootTest(classes = RunwayApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class ConsoleTestSupport {

  static final JsonMapper JSON = JsonMapper.builder().build();
  private static Browser shared;

  @LocalServerPort int port;

  Browser browser;
  private final HttpClient http = HttpClient.newHttpClient();

  @BeforeEach
  void startBrowser() {
    if (shared == null) {
      shared = new Browser(port);
    }
    browser = shared;
  }

  @AfterAll
  static void stopBrowser() {
    if (shared != null) {
      shared.close();
      shared = null;
    }
  }

  static String uniqueKey(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** A complete MINIMAL-or-other launch whose owners are the given (demo) users. */
  void launch(String key, String tier, String businessOwner) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("key", key);
    body.put("name", "Claims triage " + key);
    body.put("purpose", "Rank incoming claims for adjusters");
    body.put("businessUnit", "claims");
    body.put("riskTier", tier);
    body.put("owners", Map.of("business", businessOwner, "technical", "tim.owner", "operations", "oli.owner"));
    body.put("sponsor", "sue.sponsor");
    body.put("dataClasses", List.of("personal"));
    body.put("kpis", List.of(Map.of("name", "cycle time", "unit", "hours", "baseline", 48, "target", 12)));
    body.put("budget", Map.of("monthlyCost", 1200, "currency", "EUR"));
    HttpResponse<String> launched = api("program-office-1", "POST", "/api/v1/initiatives", JSON.writeValueAsString(body));
    assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
  }

  JsonNode initiative(String key) {
    return JSON.readTree(api("auditor-1", "GET", "/api/v1/initiatives/" + key, null).body());
  }

  /** Polls the read model (eventually consistent, and slow on a loaded 2-core CI machine) until {@code done} holds. */
  JsonNode initiativeWhen(String key, Predicate<JsonNode> done) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    JsonNode last = initiative(key);
    while (!done.test(last)) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting on " + key + "; last seen: " + last);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
      last = initiative(key);
    }
    return last;
  }

  /** The open task of {@code gate} (a gate name, or a task-kind prefix of the task id), once projected. */
  String openTaskId(String key, String idPart) {
    JsonNode view = initiativeWhen(key, v -> findOpen(v, idPart) != null);
    return findOpen(view, idPart);
  }

  /** Approves the open review of {@code gate} over the API as {@code user}, with every evidence kind it needs. */
  void approveByApi(String key, String gate, String user) {
    String id = openTaskId(key, gate);
    JsonNode task = JSON.readTree(api("auditor-1", "GET", "/api/v1/tasks/" + id, null).body());
    List<Map<String, String>> evidence = new java.util.ArrayList<>();
    task.path("requiredEvidence").forEach(kind -> evidence.add(
        Map.of("kind", kind.asString(), "title", kind.asString(), "uri", "https://docs.example.org/" + kind.asString())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decision", "APPROVE");
    body.put("comment", "meets the bar");
    body.put("evidence", evidence);
    if ("DATA_READINESS".equals(gate)) {
      // within the policy's data-readiness bounds: the local registry has no measurements for this model
      body.put("metrics", Map.of("data_quality_score", 0.97, "null_rate", 0.01, "freshness_hours", 6.0));
    }
    HttpResponse<String> done = api(user, "POST", "/api/v1/tasks/" + id + "/complete", JSON.writeValueAsString(body));
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
  }

  static String gateStatus(JsonNode view, String gate) {
    for (JsonNode g : view.path("gates")) {
      if (gate.equals(g.path("gate").asString())) {
        return g.path("status").asString();
      }
    }
    return null;
  }

  private static String findOpen(JsonNode view, String idPart) {
    for (JsonNode task : view.path("tasks")) {
      // a task whose metrics are still being read refuses approval: tests act on it once they are read
      if ("OPEN".equals(task.path("status").asString()) && !task.path("awaitingMetrics").asBoolean(false)
          && (idPart.equals(task.path("gate").asString()) && "GATE_REVIEW".equals(task.path("kind").asString())
              || task.path("id").asString().contains(idPart))) {
        return task.path("id").asString();
      }
    }
    return null;
  }

  HttpResponse<String> api(String user, String method, String path, String json) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
        .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
    if (json != null) {
      request.header("Content-Type", "application/json");
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}

package io.runway.activities.mlops.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.json.RunwayJson;
import io.runway.lifecycle.activity.KpiMetricQuery;
import io.runway.lifecycle.activity.KpiReading;
import io.runway.lifecycle.activity.MetricsQuery;
import io.runway.lifecycle.activity.PromotionRequest;
import io.runway.lifecycle.model.MlflowMetric;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MLflow adapter against MLflow itself (a real tracking server with a SQLite store), not a stub:
 * a model version registered from a run, its data-readiness metrics, the {@code production} alias on
 * go-live, and KPI values read per month from a model, an experiment and a run.
 */
class MlflowRealServerTest {

  private static final long NOV_10 = Instant.parse("2026-11-10T12:00:00Z").toEpochMilli();
  private static final long NOV_28 = Instant.parse("2026-11-28T12:00:00Z").toEpochMilli();
  private static final long DEC_05 = Instant.parse("2026-12-05T12:00:00Z").toEpochMilli();
  private static final long NOV_START = Instant.parse("2026-11-01T00:00:00Z").toEpochMilli();
  private static final long DEC_START = Instant.parse("2026-12-01T00:00:00Z").toEpochMilli();
  private static final long JAN_START = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();

  private static MlflowServer server;
  private static MlflowMlopsActivities adapter;
  private static String runId;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void startMlflowAndRegisterAVersion() throws Exception {
    server = MlflowServer.startOrSkip();
    adapter = new MlflowMlopsActivities(new MlflowProperties(server.baseUrl, null, Duration.ofSeconds(10)));
    String experiment = call("POST", "/experiments/create", Map.of("name", "fraud-kpis")).path("experiment_id").asText();
    runId = call("POST", "/runs/create", Map.of("experiment_id", experiment, "start_time", NOV_10)).path("run").path("info")
        .path("run_id").asText();
    log("data_quality_score", 0.93, NOV_10, 0);
    log("data_quality_score", 0.97, NOV_28, 1);
    log("null_rate", 0.01, NOV_28, 0);
    log("approval_rate", 0.64, NOV_10, 0);
    log("approval_rate", 0.69, NOV_28, 1);
    log("approval_rate", 0.75, DEC_05, 2);
    call("POST", "/registered-models/create", Map.of("name", "fraud-model"));
    String version = call("POST", "/model-versions/create", Map.of("name", "fraud-model", "source", "runs:/" + runId + "/model",
        "run_id", runId)).path("model_version").path("version").asText();
    assertThat(version).isEqualTo("1");
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void dataReadinessReadsTheLatestValueOfEachNamedMetricOfTheVersionsRun() {
    assertThat(adapter.readMetrics(new MetricsQuery("fraud-scoring", "fraud-model", "1",
        List.of("data_quality_score", "null_rate", "freshness_hours"))))
        .containsExactly(entry("data_quality_score", 0.97), entry("null_rate", 0.01));
  }

  @Test
  void goLivePointsTheProductionAliasAtTheVersionTaggedWithItsApproval() throws Exception {
    adapter.promote(new PromotionRequest("fraud-scoring/promote/1", "fraud-model", "1", "production", "frank,gina",
        "2026-11-30T10:00:00Z", "fraud-scoring"));
    adapter.promote(new PromotionRequest("fraud-scoring/promote/1", "fraud-model", "1", "production", "frank,gina",
        "2026-11-30T10:00:00Z", "fraud-scoring"));

    JsonNode aliased = call("GET", "/registered-models/alias?name=fraud-model&alias=production", null).path("model_version");
    assertThat(aliased.path("version").asText()).isEqualTo("1");
    JsonNode tags = call("GET", "/model-versions/get?name=fraud-model&version=1", null).path("model_version").path("tags");
    assertThat(tags.toString()).contains("\"key\":\"runway.approved_by\",\"value\":\"frank,gina\"")
        .contains("\"key\":\"runway.initiative\",\"value\":\"fraud-scoring\"");
  }

  @Test
  void aKpiIsTheLastValueLoggedInItsMonthWhereverItIsLogged() {
    adapter.promote(new PromotionRequest("k/promote/1", "fraud-model", "1", "production", "frank", "2026-11-30T10:00:00Z", "k"));

    for (MlflowMetric source : List.of(new MlflowMetric("approval_rate", "fraud-model", null, null),
        new MlflowMetric("approval_rate", null, "fraud-kpis", null), new MlflowMetric("approval_rate", null, null, runId))) {
      KpiReading november = adapter.readKpiMetric(new KpiMetricQuery("fraud-scoring", "approval rate", source, NOV_START, DEC_START));
      KpiReading december = adapter.readKpiMetric(new KpiMetricQuery("fraud-scoring", "approval rate", source, DEC_START, JAN_START));
      assertThat(november).as(source.toString()).isEqualTo(new KpiReading(0.69, runId, NOV_28));
      assertThat(december).as(source.toString()).isEqualTo(new KpiReading(0.75, runId, DEC_05));
    }
    assertThat(adapter.readKpiMetric(new KpiMetricQuery("fraud-scoring", "approval rate",
        new MlflowMetric("approval_rate", null, "fraud-kpis", null), JAN_START, JAN_START + 86_400_000L * 31)))
        .as("nothing logged in January").isNull();
  }

  private static void log(String key, double value, long timestamp, int step) throws Exception {
    call("POST", "/runs/log-metric", Map.of("run_id", runId, "key", key, "value", value, "timestamp", timestamp, "step", step));
  }

  private static JsonNode call(String method, String path, Object body) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.baseUrl + "/api/2.0/mlflow" + path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(RunwayJson.write(body)));
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
    return RunwayJson.mapper().readTree(response.body());
  }
}

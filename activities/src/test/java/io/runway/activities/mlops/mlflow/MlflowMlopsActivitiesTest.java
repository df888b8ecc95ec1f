package io.runway.activities.mlops.mlflow;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.runway.lifecycle.activity.MetricsQuery;
import io.runway.lifecycle.activity.MetricsReading;
import io.runway.lifecycle.activity.PromotionRequest;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The adapter against a WireMock answering as an MLflow 2.x tracking server does. */
class MlflowMlopsActivitiesTest {

  private static final WireMockServer mlflow = new WireMockServer(wireMockConfig().dynamicPort());
  private static final String TOKEN = "dapi-s3cr3t-token";
  private static final String VERSION_URL = "/api/2.0/mlflow/model-versions/get?name=fraud-model&version=3";
  private static final String RUN_URL = "/api/2.0/mlflow/runs/get?run_id=8f2c0a";
  private MlflowMlopsActivities activities;

  @BeforeAll
  static void start() {
    mlflow.start();
  }

  @AfterAll
  static void stop() {
    mlflow.stop();
  }

  @BeforeEach
  void reset() {
    mlflow.resetAll();
    activities = new MlflowMlopsActivities(new MlflowProperties(URI.create(mlflow.baseUrl()), TOKEN, Duration.ofSeconds(2)));
  }

  private static MetricsQuery query(String... names) {
    return new MetricsQuery("fraud-scoring", "fraud-model", "3", List.of(names));
  }

  private static PromotionRequest promotion() {
    return new PromotionRequest("fraud-scoring/promote/3", "fraud-model", "3", "production", "frank", "2026-11-23T10:00:00Z", "fraud-scoring");
  }

  private static void versionWithRun(String runId) {
    mlflow.stubFor(get(urlEqualTo(VERSION_URL)).willReturn(okJson("""
        {"model_version": {"name": "fraud-model", "version": "3", "creation_timestamp": 1763892000000,
          "current_stage": "None", "source": "models:/m-1", "run_id": "%s", "status": "READY", "aliases": []}}""".formatted(runId))));
  }

  private static ResponseDefinitionBuilder mlflowError(int status, String code, String message) {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json")
        .withBody("{\"error_code\":\"" + code + "\",\"message\":\"" + message + "\"}");
  }

  /** The failure the call throws: ApplicationFailure is what the Temporal worker sees and retries or not. */
  private ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("no failure");
  }

  @Test
  void readsOnlyTheNamedMetricsTakingTheLatestValueOfEach() {
    versionWithRun("8f2c0a");
    mlflow.stubFor(get(urlEqualTo(RUN_URL)).willReturn(okJson("""
        {"run": {"info": {"run_id": "8f2c0a", "status": "FINISHED"}, "data": {"metrics": [
          {"key": "data_quality_score", "value": 0.91, "timestamp": 1763890000000, "step": 0},
          {"key": "data_quality_score", "value": 0.97, "timestamp": 1763891000000, "step": 1},
          {"key": "data_quality_score", "value": 0.50, "timestamp": 1763880000000, "step": 9},
          {"key": "auc", "value": 0.88, "timestamp": 1763891000000, "step": 0},
          {"key": "loss", "value": 0.12, "timestamp": 1763891000000, "step": 0}],
          "params": [{"key": "lr", "value": "0.01"}], "tags": []}}}""")));

    assertThat(activities.readMetrics(query("data_quality_score", "auc", "fairness_gap")))
        .containsExactly(entry("data_quality_score", 0.97), entry("auc", 0.88));
  }

  @Test
  void aMetricWhoseLatestValueIsNotANumberIsReportedInvalidWithWhatWasSent() {
    versionWithRun("8f2c0a");
    mlflow.stubFor(get(urlEqualTo(RUN_URL)).willReturn(okJson("""
        {"run": {"info": {"run_id": "8f2c0a"}, "data": {"metrics": [
          {"key": "data_quality_score", "value": 0.91, "timestamp": 1763890000000, "step": 0},
          {"key": "data_quality_score", "value": "n/a", "timestamp": 1763891000000, "step": 1},
          {"key": "null_rate", "value": "NaN", "timestamp": 1763891000000, "step": 0},
          {"key": "auc", "value": 0.88, "timestamp": 1763891000000, "step": 0}]}}}""")));

    MetricsReading reading = activities.readRunMetrics(query("data_quality_score", "null_rate", "auc", "fairness_gap"));

    assertThat(reading.values()).containsExactly(entry("auc", 0.88));
    assertThat(reading.invalid()).containsOnly(entry("data_quality_score", "\"n/a\""), entry("null_rate", "\"NaN\""));
    assertThat(activities.readMetrics(query("data_quality_score", "auc"))).as("the older interface leaves them out")
        .containsExactly(entry("auc", 0.88));
  }

  @Test
  void aRunWithoutMetricsHasNoneButAnswersWithoutTheDocumentedShapeAreRetried() {
    versionWithRun("8f2c0a");
    mlflow.stubFor(get(urlEqualTo(RUN_URL)).willReturn(okJson("{\"run\": {\"info\": {\"run_id\": \"8f2c0a\"}, \"data\": {}}}")));
    assertThat(activities.readRunMetrics(query("auc")).values()).isEmpty();

    mlflow.stubFor(get(urlEqualTo(RUN_URL)).willReturn(okJson("{}")));
    ApplicationFailure noRun = failureOf(() -> activities.readRunMetrics(query("auc")));
    assertThat(noRun.isNonRetryable()).isFalse();
    assertThat(noRun.getOriginalMessage()).contains("get run 8f2c0a answered without run.data");

    mlflow.stubFor(get(urlEqualTo(VERSION_URL)).willReturn(okJson("{\"registered_model\": {}}")));
    ApplicationFailure noVersion = failureOf(() -> activities.readRunMetrics(query("auc")));
    assertThat(noVersion.getType()).isEqualTo("MLflowMalformed");
  }

  @Test
  void aVersionRegisteredWithoutARunHasNoMetrics() {
    mlflow.stubFor(get(urlEqualTo(VERSION_URL)).willReturn(okJson("""
        {"model_version": {"name": "fraud-model", "version": "3", "source": "s3://models/fraud/3", "status": "READY"}}""")));

    assertThat(activities.readMetrics(query("auc"))).isEmpty();
    assertThat(mlflow.findAll(getRequestedFor(urlPathEqualTo("/api/2.0/mlflow/runs/get")))).isEmpty();
  }

  @Test
  void aVersionMlflowDoesNotHaveIsAFinalFailureNamingModelAndVersion() {
    mlflow.stubFor(get(urlEqualTo(VERSION_URL)).willReturn(mlflowError(404, "RESOURCE_DOES_NOT_EXIST",
        "Model Version (name=fraud-model, version=3) not found")));

    ApplicationFailure failure = failureOf(() -> activities.readMetrics(query("auc")));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).startsWith("MLflow get model version 'fraud-model' version 3 answered HTTP 404")
        .contains("RESOURCE_DOES_NOT_EXIST");
  }

  @Test
  void promotionTagsTheVersionWithTheApprovalThenPointsTheAliasAtIt() {
    mlflow.stubFor(post(urlEqualTo("/api/2.0/mlflow/model-versions/set-tag")).willReturn(okJson("{}")));
    mlflow.stubFor(post(urlEqualTo("/api/2.0/mlflow/registered-models/alias")).willReturn(okJson("{}")));

    activities.promote(promotion());

    // WireMock lists the newest first
    List<String> calls = mlflow.getAllServeEvents().reversed().stream().map(e -> e.getRequest().getBodyAsString()).toList();
    assertThat(calls).hasSize(4);
    assertThat(calls.getLast()).isEqualTo("{\"name\":\"fraud-model\",\"alias\":\"production\",\"version\":\"3\"}");
    for (String tag : List.of("\"runway.approved_by\",\"value\":\"frank\"", "\"runway.approved_at\",\"value\":\"2026-11-23T10:00:00Z\"",
        "\"runway.initiative\",\"value\":\"fraud-scoring\"")) {
      mlflow.verify(1, postRequestedFor(urlEqualTo("/api/2.0/mlflow/model-versions/set-tag"))
          .withRequestBody(equalToJson("{\"name\":\"fraud-model\",\"version\":\"3\",\"key\":" + tag + "}")));
    }
  }

  @Test
  void anInvalidParameterIsFinalWithMlflowsReason() {
    mlflow.stubFor(post(urlEqualTo("/api/2.0/mlflow/model-versions/set-tag")).willReturn(mlflowError(400, "INVALID_PARAMETER_VALUE",
        "Invalid value for tag key")));

    ApplicationFailure failure = failureOf(() -> activities.promote(promotion()));

    assertThat(failure.isNonRetryable()).isTrue();
    assertThat(failure.getOriginalMessage()).contains("set tag runway.approved_by").contains("INVALID_PARAMETER_VALUE").contains("Invalid value for tag key");
    assertThat(mlflow.findAll(postRequestedFor(urlEqualTo("/api/2.0/mlflow/registered-models/alias")))).isEmpty();
  }

  @Test
  void throttlingRetriesAfterMlflowsRetryAfter() {
    mlflow.stubFor(get(urlEqualTo(VERSION_URL)).willReturn(mlflowError(429, "REQUEST_LIMIT_EXCEEDED", "slow down")
        .withHeader("Retry-After", "12")));

    ApplicationFailure failure = failureOf(() -> activities.readMetrics(query("auc")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(12));
  }

  @Test
  void aServerErrorIsRetried() {
    versionWithRun("8f2c0a");
    mlflow.stubFor(get(urlEqualTo(RUN_URL)).willReturn(mlflowError(500, "INTERNAL_ERROR", "database is locked")));

    ApplicationFailure failure = failureOf(() -> activities.readMetrics(query("auc")));

    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).startsWith("MLflow get run 8f2c0a answered HTTP 500");
  }

  @Test
  void theBearerTokenIsSentButNeverShownInAFailure() {
    mlflow.stubFor(get(urlEqualTo(VERSION_URL)).willReturn(mlflowError(403, "PERMISSION_DENIED", "no access")));

    ApplicationFailure failure = failureOf(() -> activities.readMetrics(query("auc")));

    LoggedRequest request = mlflow.findAll(getRequestedFor(urlEqualTo(VERSION_URL))).getFirst();
    assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(failure.getOriginalMessage()).doesNotContain(TOKEN).doesNotContain("Bearer");
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void withoutATokenNoAuthorizationIsSent() {
    activities = new MlflowMlopsActivities(new MlflowProperties(URI.create(mlflow.baseUrl()), "", null));
    versionWithRun("");

    activities.readMetrics(query("auc"));

    mlflow.verify(getRequestedFor(urlEqualTo(VERSION_URL)).withoutHeader("Authorization"));
  }

  @Test
  void theTokenDoesNotShowInThePrintedSettings() {
    assertThat(new MlflowProperties(URI.create("http://mlflow:5000"), TOKEN, null).toString()).doesNotContain(TOKEN);
  }

  @Test
  void aModelNameIsQueryEncoded() {
    mlflow.stubFor(get(urlEqualTo("/api/2.0/mlflow/model-versions/get?name=fraud+model%2Feu&version=3"))
        .willReturn(okJson("{\"model_version\":{\"name\":\"fraud model/eu\",\"version\":\"3\"}}")));

    assertThat(activities.readMetrics(new MetricsQuery("fraud-scoring", "fraud model/eu", "3", List.of("auc")))).isEmpty();
    mlflow.verify(getRequestedFor(urlPathEqualTo("/api/2.0/mlflow/model-versions/get")).withQueryParam("name", equalTo("fraud model/eu")));
  }
}

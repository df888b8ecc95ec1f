package io.runway.activities.mlops.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.activities.http.VendorFailures;
import io.runway.activities.http.VendorHttp;
import io.runway.activities.mlops.local.LocalMlopsActivities;
import io.runway.lifecycle.activity.KpiMetricQuery;
import io.runway.lifecycle.activity.KpiReading;
import io.runway.lifecycle.activity.MetricsQuery;
import io.runway.lifecycle.activity.MetricsReading;
import io.runway.lifecycle.activity.MlopsActivities;
import io.runway.lifecycle.activity.PromotionRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import io.runway.lifecycle.model.MlflowMetric;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.stereotype.Component;

/**
 * MLflow's model registry (REST API 2.0). Metrics come from the run that produced the model version.
 * Promotion sets the approval tags first and the alias last, so whoever resolves the alias finds a
 * version that already says who approved it; both calls overwrite with the same value on a retry.
 */
@Component("mlopsActivities")
@ConditionalOnProperty(name = "runway.mlops.provider", havingValue = "mlflow")
@EnableConfigurationProperties(MlflowProperties.class)
public class MlflowMlopsActivities implements MlopsActivities {

  static final String SYSTEM = "MLflow";
  private static final String API = "/api/2.0/mlflow";
  /** Orders one metric's values as MLflow does: the latest timestamp wins, the higher step breaks a tie. */
  private static final Comparator<JsonNode> LATEST =
      Comparator.<JsonNode>comparingLong(m -> m.path("timestamp").asLong()).thenComparingLong(m -> m.path("step").asLong());

  /** How many of an experiment's newest runs are searched for a month's KPI value. */
  static final int LATEST_RUNS = 20;
  /** How much of a metric's invalid value is kept to show people. */
  private static final int MAX_INVALID_TEXT = 60;

  private final VendorHttp http;

  public MlflowMlopsActivities(MlflowProperties properties) {
    properties.requireComplete();
    this.http = new VendorHttp(SYSTEM, properties.trackingUri(), properties.timeout(), properties::authorization);
  }

  @Override
  public Map<String, Double> readMetrics(MetricsQuery query) {
    return readRunMetrics(query).values();
  }

  /**
   * The latest value of each named metric of the version's run. MLflow sends NaN and infinities as
   * strings ("NaN"), and a misbehaving server anything at all: such a latest value is reported
   * invalid, with what was sent, rather than dropped or replaced by an older number.
   */
  @Override
  public MetricsReading readRunMetrics(MetricsQuery query) {
    String runId = runIdOf(query.modelName(), query.modelVersion());
    if (runId.isBlank()) {
      // registered from a path, not from a tracked run: there are no metrics to read
      return new MetricsReading(Map.of(), Map.of());
    }
    String call = "get run " + runId;
    VendorHttp.Response answer = http.send(call, "GET", API + "/runs/get?run_id=" + encode(runId), null);
    JsonNode data = answer.json().path("run").path("data");
    if (!data.isObject()) {
      throw VendorFailures.malformed(SYSTEM, call, "run.data", answer.body());
    }
    // MLflow leaves an empty list out of its JSON: no "metrics" is a run without metrics
    JsonNode metrics = data.path("metrics");
    if (!metrics.isMissingNode() && !metrics.isArray()) {
      throw VendorFailures.malformed(SYSTEM, call, "a \"metrics\" list", answer.body());
    }
    Map<String, JsonNode> latest = new HashMap<>();
    metrics.forEach(metric -> latest.merge(metric.path("key").asText(), metric, (a, b) -> LATEST.compare(a, b) >= 0 ? a : b));
    Map<String, Double> values = new LinkedHashMap<>();
    Map<String, String> invalid = new LinkedHashMap<>();
    query.metricNames().forEach(name -> {
      JsonNode metric = latest.get(name);
      if (metric == null) {
        return;
      }
      JsonNode value = metric.path("value");
      if (value.isNumber() && Double.isFinite(value.doubleValue())) {
        values.put(name, value.doubleValue());
      } else {
        invalid.put(name, sent(value));
      }
    });
    return new MetricsReading(values, invalid);
  }

  private static String sent(JsonNode value) {
    String text = value.isMissingNode() ? "no value" : value.toString();
    return text.length() > MAX_INVALID_TEXT ? text.substring(0, MAX_INVALID_TEXT) + "…" : text;
  }

  @Override
  public void promote(PromotionRequest request) {
    String alias = request.alias() == null || request.alias().isBlank() ? LocalMlopsActivities.DEFAULT_ALIAS : request.alias();
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("runway.approved_by", request.approvedBy());
    tags.put("runway.approved_at", request.approvedAt());
    tags.put("runway.initiative", request.initiativeKey());
    String version = describe(request.modelName(), request.modelVersion());
    tags.forEach((key, value) -> http.send("set tag " + key + " on " + version, "POST", API + "/model-versions/set-tag",
        ordered("name", request.modelName(), "version", request.modelVersion(), "key", key, "value", value)));
    http.send("set alias " + alias + " to " + version, "POST", API + "/registered-models/alias",
        ordered("name", request.modelName(), "alias", alias, "version", request.modelVersion()));
  }

  /**
   * The last value of the KPI's metric logged in the month, from the run the KPI names: the run behind
   * the registered model's {@code production} alias, the latest runs of an experiment (newest first,
   * the first that logged the metric in the month wins), or one run. Null when nothing was logged then.
   */
  @Override
  public KpiReading readKpiMetric(KpiMetricQuery query) {
    MlflowMetric source = query.metric();
    List<String> runs;
    if (source.runId() != null && !source.runId().isBlank()) {
      runs = List.of(source.runId());
    } else if (source.model() != null && !source.model().isBlank()) {
      String alias = LocalMlopsActivities.DEFAULT_ALIAS;
      String runId = http.send("get alias " + alias + " of '" + source.model() + "'", "GET", API + "/registered-models/alias?name="
          + encode(source.model()) + "&alias=" + alias, null).json().path("model_version").path("run_id").asText("");
      runs = runId.isBlank() ? List.of() : List.of(runId);
    } else {
      runs = latestRuns(source.experiment());
    }
    for (String runId : runs) {
      KpiReading reading = lastInPeriod(runId, source.metric(), query.fromMillis(), query.toMillis());
      if (reading != null) {
        return reading;
      }
    }
    return null;
  }

  private List<String> latestRuns(String experiment) {
    String id = http.send("get experiment '" + experiment + "'", "GET", API + "/experiments/get-by-name?experiment_name="
        + encode(experiment), null).json().path("experiment").path("experiment_id").asText();
    Map<String, Object> search = new LinkedHashMap<>();
    search.put("experiment_ids", List.of(id));
    search.put("order_by", List.of("attributes.start_time DESC"));
    search.put("max_results", LATEST_RUNS);
    List<String> runs = new java.util.ArrayList<>();
    http.send("search runs of '" + experiment + "'", "POST", API + "/runs/search", search).json().path("runs")
        .forEach(run -> runs.add(run.path("info").path("run_id").asText()));
    return runs;
  }

  private KpiReading lastInPeriod(String runId, String metric, long from, long to) {
    JsonNode history = http.send("get history of " + metric + " in run " + runId, "GET", API + "/metrics/get-history?run_id="
        + encode(runId) + "&metric_key=" + encode(metric), null).json().path("metrics");
    JsonNode last = null;
    for (JsonNode point : history) {
      long at = point.path("timestamp").asLong();
      if (at >= from && at < to && point.path("value").isNumber() && (last == null || LATEST.compare(point, last) > 0)) {
        last = point;
      }
    }
    return last == null ? null : new KpiReading(last.path("value").doubleValue(), runId, last.path("timestamp").asLong());
  }

  /** The version's run id, or blank; a version MLflow does not have is a final failure naming it. */
  private String runIdOf(String model, String version) {
    String call = "get model version " + describe(model, version);
    VendorHttp.Response answer = http.send(call, "GET", API + "/model-versions/get?name=" + encode(model) + "&version=" + encode(version),
        null);
    JsonNode modelVersion = answer.json().path("model_version");
    if (!modelVersion.isObject()) {
      throw VendorFailures.malformed(SYSTEM, call, "a model_version", answer.body());
    }
    return modelVersion.path("run_id").asText("");
  }

  private static String describe(String model, String version) {
    return "'" + model + "' version " + version;
  }

  private static Map<String, String> ordered(String... keysAndValues) {
    Map<String, String> body = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      body.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return body;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}

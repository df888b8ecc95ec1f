package io.runway.worker.records;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.security.AccessMatrix;
import io.runway.worker.web.ApiProblem;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Registers a model version and its run metrics in the built-in local registry, as a training
 * pipeline logs them to MLflow. Data readiness shows these metrics on its task. Registering the
 * same version again merges the metrics, so a pipeline may log them in several calls.
 */
@Service
public class ModelRegistration {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern METRIC = Pattern.compile("[A-Za-z0-9_./ -]{1,250}");

  private final JdbcClient jdbc;
  private final JsonMapper json;

  ModelRegistration(JdbcClient jdbc, JsonMapper json) {
    this.jdbc = jdbc;
    this.json = json;
  }

  public void register(String model, String version, Map<String, Double> metrics, Actor actor) {
    AccessMatrix.REGISTER_MODEL.require(actor);
    requireName("name", model);
    requireName("version", version);
    if (metrics == null) {
      throw ApiProblem.invalid("metrics", "is required: an object of metric name to number, e.g. {\"data_quality_score\": 0.97}");
    }
    metrics.forEach((name, value) -> {
      if (!METRIC.matcher(name).matches()) {
        throw ApiProblem.invalid("metrics." + name, "metric names use letters, digits and _ . / - (at most 250)");
      }
      if (value == null || value.isNaN() || value.isInfinite()) {
        throw ApiProblem.invalid("metrics." + name, "must be a finite number");
      }
    });
    jdbc.sql("""
            insert into local_model_version (model_name, version, metrics) values (?, ?, ?::jsonb)
            on conflict (model_name, version) do update set metrics = local_model_version.metrics || excluded.metrics""")
        .param(model).param(version).param(json.writeValueAsString(metrics))
        .update();
  }

  private static void requireName(String field, String value) {
    if (value == null || !NAME.matcher(value).matches()) {
      throw ApiProblem.invalid(field, "use letters, digits and . _ - (at most 128, starting with a letter or digit)");
    }
  }
}

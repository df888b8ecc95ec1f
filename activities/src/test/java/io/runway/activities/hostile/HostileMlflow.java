package io.runway.activities.hostile;

import io.runway.activities.hostile.HostileVendor.Answer;
import io.runway.activities.hostile.HostileVendor.Request;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MLflow's registry and tracking REST API 2.0: model versions with their run, the run's metrics as
 * recorded (a metric value can be anything the vendor sends), version tags and aliases.
 */
public final class HostileMlflow {

  private final Map<String, String> runOfVersion = new LinkedHashMap<>();
  private final Map<String, String> metricsJsonOfRun = new LinkedHashMap<>();
  private final Map<String, String> aliases = new LinkedHashMap<>();
  private final Map<String, Map<String, String>> tags = new LinkedHashMap<>();

  HostileMlflow() {}

  /** Registers {@code model} version {@code version} from run {@code runId} with these metrics, a JSON array as MLflow sends it. */
  public synchronized void register(String model, String version, String runId, String metricsJson) {
    runOfVersion.put(model + "/" + version, runId);
    metricsJsonOfRun.put(runId, metricsJson);
  }

  /** The version the alias points at, or null. */
  public synchronized String alias(String model, String alias) {
    return aliases.get(model + "@" + alias);
  }

  public synchronized Map<String, String> tags(String model, String version) {
    return Map.copyOf(tags.getOrDefault(model + "/" + version, Map.of()));
  }

  synchronized Answer handle(Request request) {
    String call = request.path().substring("/api/2.0/mlflow/".length());
    Map<String, String> params = HostileVendor.params(request.query());
    var body = HostileJira.read(request.body());
    return switch (request.method() + " " + call) {
      case "GET model-versions/get" -> {
        String run = runOfVersion.get(params.get("name") + "/" + params.get("version"));
        yield run == null ? notFound("Model Version (name=" + params.get("name") + ", version=" + params.get("version") + ") not found")
            : Answer.json(200, "{\"model_version\":{\"name\":\"" + params.get("name") + "\",\"version\":\"" + params.get("version")
                + "\",\"run_id\":\"" + run + "\",\"status\":\"READY\"}}");
      }
      case "GET runs/get" -> {
        String metrics = metricsJsonOfRun.get(params.get("run_id"));
        yield metrics == null ? notFound("Run '" + params.get("run_id") + "' not found")
            : Answer.json(200, "{\"run\":{\"info\":{\"run_id\":\"" + params.get("run_id") + "\",\"status\":\"FINISHED\"},"
                + "\"data\":{\"metrics\":" + metrics + ",\"params\":[],\"tags\":[]}}}");
      }
      case "POST model-versions/set-tag" -> {
        tags.computeIfAbsent(body.path("name").asText() + "/" + body.path("version").asText(), k -> new LinkedHashMap<>())
            .put(body.path("key").asText(), body.path("value").asText());
        yield Answer.json(200, "{}");
      }
      case "POST registered-models/alias" -> {
        aliases.put(body.path("name").asText() + "@" + body.path("alias").asText(), body.path("version").asText());
        yield Answer.json(200, "{}");
      }
      default -> notFound("no endpoint " + call);
    };
  }

  private static Answer notFound(String message) {
    return Answer.json(404, "{\"error_code\":\"RESOURCE_DOES_NOT_EXIST\",\"message\":\"" + message + "\"}");
  }
}

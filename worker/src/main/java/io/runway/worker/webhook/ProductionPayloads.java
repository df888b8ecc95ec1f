package io.runway.worker.webhook;

import static io.runway.worker.webhook.InboundEvent.text;

import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.worker.webhook.InboundEvent.ProductionSignal;
import io.runway.worker.webhook.InboundEvent.Target;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads the payloads of systems that watch production: the model registry and Alertmanager. */
final class ProductionPayloads {

  private static final Set<String> NEW_VERSION_EVENTS = Set.of("MODEL_VERSION_CREATED", "model_version.created");

  private ProductionPayloads() {}

  /**
   * A registry webhook, in either shape: Databricks' {@code {"event", "model_name", "version"}} or
   * MLflow 3's {@code {"entity": "model_version", "action": "created", "data": {"name", "version"}}}.
   * Stage transitions are not re-opening events: Runway promotes versions itself at go-live and
   * would otherwise re-open the gates of every version it just approved.
   */
  static InboundEvent mlflow(JsonNode body) {
    boolean mlflow3 = body.has("entity");
    String event = mlflow3 ? text(body.path("entity")) + "." + text(body.path("action")) : text(body.path("event"));
    JsonNode data = mlflow3 ? body.path("data") : body;
    String name = text(data.path(mlflow3 ? "name" : "model_name"));
    String version = text(data.path("version"));
    String bodyId = text(body.path("id")) != null ? text(body.path("id")) : "mlflow:" + event + ":" + name + ":" + version;
    if (!NEW_VERSION_EVENTS.contains(event)) {
      return InboundEvent.ignored(bodyId, "MLflow event " + event + " does not re-open gates; only a new model version does");
    }
    if (name == null || version == null) {
      return InboundEvent.ignored(bodyId, "the payload names no model and version");
    }
    // one event per model version, however many deliveries or registries report it
    ProductionEvent newVersion = new ProductionEvent("mlflow:" + name + ":" + version,
        ProductionEventType.NEW_MODEL_VERSION, "model " + name + " version " + version + " registered", version, "mlflow");
    return InboundEvent.of(bodyId, List.of(new ProductionSignal(null, name, newVersion)));
  }

  /** Alertmanager's webhook (version 4): every firing alert labelled with an initiative key is one event. */
  static InboundEvent alertmanager(JsonNode body, String initiativeLabel) {
    StringBuilder identity = new StringBuilder(text(body.path("groupKey")) + "|" + text(body.path("status")));
    List<Target> targets = new ArrayList<>();
    for (JsonNode alert : body.path("alerts")) {
      String fingerprint = text(alert.path("fingerprint"));
      String startsAt = text(alert.path("startsAt"));
      identity.append('|').append(fingerprint).append('@').append(startsAt);
      String key = text(alert.path("labels").path(initiativeLabel));
      if (key == null || !"firing".equalsIgnoreCase(text(alert.path("status")))) {
        continue; // resolved alerts close nothing in Runway: the re-opened gate is decided by people
      }
      String eventId = "alert:" + (fingerprint == null ? sha256(alert.path("labels").toString()) : fingerprint) + "@" + startsAt;
      targets.add(new ProductionSignal(key, null,
          new ProductionEvent(eventId, type(alert.path("labels")), describe(alert), null, "alertmanager")));
    }
    String bodyId = "alertmanager:" + sha256(identity.toString());
    if (targets.isEmpty()) {
      return InboundEvent.ignored(bodyId, "no firing alert carries the label '" + initiativeLabel + "'");
    }
    return InboundEvent.of(bodyId, targets);
  }

  /** {@code runway_event: drift|incident} decides; without it an alert named like drift is drift, anything else an incident. */
  private static ProductionEventType type(JsonNode labels) {
    String declared = text(labels.path("runway_event"));
    if (declared != null) {
      return "drift".equalsIgnoreCase(declared) ? ProductionEventType.DRIFT_ALERT : ProductionEventType.INCIDENT;
    }
    String name = text(labels.path("alertname"));
    return name != null && name.toLowerCase(Locale.ROOT).contains("drift")
        ? ProductionEventType.DRIFT_ALERT : ProductionEventType.INCIDENT;
  }

  private static String describe(JsonNode alert) {
    String name = text(alert.path("labels").path("alertname"));
    String summary = text(alert.path("annotations").path("summary"));
    String description = summary != null ? summary : text(alert.path("annotations").path("description"));
    return (name == null ? "alert" : name) + (description == null ? "" : ": " + description);
  }

  private static String sha256(String text) {
    return Signatures.sha256(text.getBytes(StandardCharsets.UTF_8));
  }
}

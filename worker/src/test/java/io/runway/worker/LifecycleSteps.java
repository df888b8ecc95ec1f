package io.runway.worker;

import static io.runway.worker.ApiTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/**
 * The steps the end-to-end tests take as demo users: find a task in a user's inbox, decide it, and
 * read the initiative back from the (eventually consistent) read model.
 */
final class LifecycleSteps {

  /** Data-readiness measurements within the policy's bounds, typed with an approval where the registry has none. */
  static final Map<String, Double> READY_DATA = Map.of("data_quality_score", 0.97, "null_rate", 0.01, "freshness_hours", 6.0);

  private final Api api;

  LifecycleSteps(Api api) {
    this.api = api;
  }

  JsonNode inboxTask(String user, String group, String key) {
    JsonNode items = await(group + " task of " + key + " in " + user + "'s inbox",
        () -> api.get(user, "/api/v1/tasks?candidateGroup=" + group + "&status=OPEN&initiativeKey=" + key).json().path("items"),
        // a task whose metrics are still being read refuses approval: the steps act on it once they are read
        i -> i.size() > 0 && !i.get(0).path("awaitingMetrics").asBoolean(false));
    return items.get(0);
  }

  void approveAs(String user, JsonNode task) {
    Api.Response done = complete(user, task, "APPROVE", "meets the bar", true);
    assertThat(done.status()).as(done.raw()).isEqualTo(200);
    assertThat(done.json().path("approvals").toString()).contains(user);
  }

  Api.Response complete(String user, JsonNode task, String decision, String comment, boolean withEvidence) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decision", decision);
    body.put("comment", comment);
    List<Map<String, String>> evidence = new ArrayList<>();
    if (withEvidence) {
      task.path("requiredEvidence").forEach(kind -> evidence.add(Map.of("kind", kind.asString(), "title", kind.asString() + " (signed)",
          "uri", "https://docs.example.org/" + kind.asString())));
    }
    body.put("evidence", evidence);
    if ("DATA_READINESS".equals(task.path("gate").asString())) {
      body.put("metrics", READY_DATA);
    }
    return api.post(user, "/api/v1/tasks/" + task.path("id").asString() + "/complete", body);
  }

  JsonNode initiativeWhen(String key, Predicate<JsonNode> condition) {
    return await(key + " in the read model", () -> api.get("auditor-1", "/api/v1/initiatives/" + key).json(), condition);
  }

  void assertGate(String key, String gate, String status) {
    initiativeWhen(key, v -> status.equals(gateStatuses(v).get(gate)));
  }

  static Map<String, String> gateStatuses(JsonNode view) {
    Map<String, String> statuses = new LinkedHashMap<>();
    view.path("gates").forEach(g -> statuses.put(g.path("gate").asString(), g.path("status").asString()));
    return statuses;
  }

  static boolean timelineHas(JsonNode view, String type) {
    for (JsonNode entry : view.path("timeline")) {
      if (type.equals(entry.path("type").asString())) {
        return true;
      }
    }
    return false;
  }
}

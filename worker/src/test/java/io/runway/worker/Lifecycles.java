package io.runway.worker;

import static io.runway.worker.ApiTestSupport.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import tools.jackson.databind.JsonNode;

/** Drives one MINIMAL-tier initiative through its gates over HTTP, each decision by the group that owns it. */
final class Lifecycles {

  private final ApiTestSupport test;
  private final String key;

  Lifecycles(ApiTestSupport test, String key) {
    this.test = test;
    this.key = key;
  }

  /** Launched, reviewed, integration signed off: the gate now waits for its ticket to be resolved. */
  void toIntegrationAwaitingTicket() {
    test.launch(key, "MINIMAL");
    approve("SECURITY_REVIEW", "security-1");
    approve("DATA_READINESS", "data-engineering-1");
    approve("INTEGRATION", "engineering-1");
    when(v -> v.path("timeline").toString().contains("AWAITING_TICKET"));
  }

  /** Through every gate, the integration ticket resolved by a signed Jira delivery. */
  void toProduction() {
    toIntegrationAwaitingTicket();
    fromIntegrationToProduction();
  }

  /** The rest of {@link #toProduction}: the integration ticket resolved, validation and handover approved. */
  void fromIntegrationToProduction() {
    String body = WebhookSender.jiraIssueDone(ticketOf("INTEGRATION"));
    Api.Response resolved = test.api.postRaw("/api/v1/webhooks/jira", WebhookSender.bytes(body),
        WebhookSender.jiraHeaders(WebhookSender.deliveryId(), body, WebhookSender.JIRA_SECRET));
    assertThat(resolved.status()).as(resolved.raw()).isEqualTo(202);
    approve("HITL_VALIDATION", "business-validation-1");
    approve("OPERATIONS_HANDOVER", "operations-1");
    when(v -> "IN_PRODUCTION".equals(v.path("stage").asString()));
  }

  /** The id of the ticket the gate holds, once the read model has it (that is where webhooks look it up). */
  String ticketOf(String gate) {
    JsonNode view = when(v -> gateOf(v, gate) != null && !gateOf(v, gate).path("ticket").path("id").isMissingNode());
    return gateOf(view, gate).path("ticket").path("id").asString();
  }

  JsonNode when(Predicate<JsonNode> condition) {
    return await(key + " in the read model", () -> test.api.get("auditor-1", "/api/v1/initiatives/" + key).json(), condition);
  }

  static String gateStatus(JsonNode view, String gate) {
    JsonNode g = gateOf(view, gate);
    return g == null ? null : g.path("status").asString();
  }

  static long count(JsonNode view, String type) {
    List<JsonNode> entries = new ArrayList<>();
    view.path("timeline").forEach(entries::add);
    return entries.stream().filter(e -> type.equals(e.path("type").asString())).count();
  }

  private void approve(String gate, String user) {
    JsonNode task = test.openTask(key, gate);
    List<Map<String, String>> evidence = new ArrayList<>();
    task.path("requiredEvidence").forEach(kind -> evidence.add(
        Map.of("kind", kind.asString(), "title", kind.asString(), "uri", "https://docs.example.org/" + kind.asString())));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("decision", "APPROVE");
    body.put("comment", "meets the bar");
    body.put("evidence", evidence);
    if ("DATA_READINESS".equals(gate)) {
      body.put("metrics", LifecycleSteps.READY_DATA);
    }
    Api.Response done = test.api.post(user, "/api/v1/tasks/" + task.path("id").asString() + "/complete", body);
    assertThat(done.status()).as(done.raw()).isEqualTo(200);
  }

  private static JsonNode gateOf(JsonNode view, String gate) {
    for (JsonNode g : view.path("gates")) {
      if (gate.equals(g.path("gate").asString())) {
        return g;
      }
    }
    return null;
  }
}

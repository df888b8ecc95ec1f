package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * One initiative through the whole lifecycle over HTTP, each step done by the demo user whose job
 * it is, checking the read model after each: launch, parallel reviews with a request-changes round,
 * every gate of the HIGH tier, two go-live approvers, production, drift, re-validation, retirement.
 */
class EndToEndLifecycleTest extends ApiTestSupport {

  @Test
  void highRiskInitiativeGoesFromLaunchToProductionToRetirement() {
    LifecycleSteps steps = new LifecycleSteps(api);
    String key = uniqueKey("e2e");
    launch(key, "HIGH");
    JsonNode launched = steps.initiativeWhen(key, v -> "SECURITY_REVIEW".equals(v.path("stage").asString()));
    assertThat(LifecycleSteps.gateStatuses(launched)).containsEntry("SECURITY_REVIEW", "OPEN").containsEntry("LEGAL_REVIEW", "OPEN")
        .containsEntry("GO_LIVE_DECISION", "PENDING");
    assertThat(launched.path("policyVersion").asString()).isNotBlank();

    Map<String, Object> run = Map.of("metrics", Map.of("data_quality_score", 0.97, "null_rate", 0.004));
    assertProblem(api.put("security-1", "/api/v1/models/" + key + "/versions/1", run), 403);
    assertThat(api.put("data-engineering-2", "/api/v1/models/" + key + "/versions/1", run).status()).isEqualTo(200);

    JsonNode security = steps.inboxTask("security-1", "security", key);
    Api.Response changes = steps.complete("security-1", security, "REQUEST_CHANGES", "add rate limiting to the scoring endpoint", false);
    assertThat(changes.status()).as(changes.raw()).isEqualTo(200);
    JsonNode findings = steps.inboxTask("program-office-2", "program-office", key);
    assertThat(findings.path("kind").asString()).isEqualTo("ADDRESS_FINDINGS");
    assertThat(findings.path("findings").asString()).contains("rate limiting");
    assertThat(steps.complete("program-office-2", findings, "SUBMIT", "rate limiting added", false).status()).isEqualTo(200);
    JsonNode secondRound = steps.inboxTask("security-2", "security", key);
    assertThat(secondRound.path("round").asInt()).isEqualTo(2);

    steps.approveAs("security-2", secondRound);
    steps.approveAs("legal-1", steps.inboxTask("legal-1", "legal", key));
    steps.assertGate(key, "SECURITY_REVIEW", "APPROVED");
    steps.assertGate(key, "LEGAL_REVIEW", "APPROVED");
    // every gate transition reaches the CRM record: a sales or account team sees where it stands
    JsonNode crm = await("CRM shows the data readiness gate open",
        () -> api.get("auditor-1", "/api/v1/crm/records/" + key).json(),
        r -> r.path("gateStatus").asString().contains("DATA_READINESS OPEN"));
    assertThat(crm.path("stage").asString()).isEqualTo("DATA_READINESS");
    assertThat(crm.path("gateStatus").asString()).contains("SECURITY_REVIEW APPROVED", "LEGAL_REVIEW APPROVED");

    JsonNode dataReadiness = await("data-quality metrics on the data readiness task",
        () -> steps.inboxTask("data-engineering-1", "data-engineering", key), t -> t.path("metrics").size() > 0);
    assertThat(dataReadiness.path("metrics").path("data_quality_score").asDouble()).isEqualTo(0.97);
    assertThat(dataReadiness.path("metrics").has("freshness_hours")).as("a metric the run did not log is left out").isFalse();
    steps.approveAs("data-engineering-1", dataReadiness);
    steps.approveAs("engineering-1", steps.inboxTask("engineering-1", "engineering", key));
    JsonNode waiting = steps.initiativeWhen(key, v -> LifecycleSteps.timelineHas(v, "AWAITING_TICKET"));
    assertThat(waiting.path("stage").asString()).isEqualTo("INTEGRATION");
    String ticket = ticketOf(key, "INTEGRATION");
    assertProblem(api.post("security-1", "/api/v1/tickets/" + ticket + "/resolve", Map.of()), 403);
    assertThat(api.post("engineering-1", "/api/v1/tickets/" + ticket + "/resolve", Map.of()).status()).isEqualTo(202);
    // resolved on the board, and DONE as soon as the workflow, already signed off, approves the gate
    assertThat(api.get("auditor-1", "/api/v1/tickets/" + ticket).json().path("status").asString()).isIn("RESOLVED", "DONE");
    assertProblem(api.post("engineering-1", "/api/v1/tickets/" + ticket + "/resolve", Map.of()), 409);

    steps.approveAs("business-validation-1", steps.inboxTask("business-validation-1", "business-validation", key));
    JsonNode goLive = steps.inboxTask("governance-board-1", "governance-board", key);
    assertThat(goLive.path("requiredApprovals").asInt()).isEqualTo(2);
    steps.approveAs("governance-board-1", goLive);
    assertThat(steps.initiativeWhen(key, v -> true).path("stage").asString()).isEqualTo("GO_LIVE_DECISION");
    Api.Response twice = steps.complete("governance-board-1", goLive, "APPROVE", "again", true);
    assertProblem(twice, 409);
    steps.approveAs("governance-board-2", goLive);

    steps.approveAs("operations-1", steps.inboxTask("operations-1", "operations", key));
    JsonNode live = steps.initiativeWhen(key, v -> "IN_PRODUCTION".equals(v.path("stage").asString()));
    assertThat(LifecycleSteps.gateStatuses(live).values()).containsOnly("APPROVED");
    // go-live writes the registry and the CRM after the stage changes
    await("CRM shows production", () -> api.get("auditor-1", "/api/v1/crm/records/" + key).json().path("stage").asString(),
        "IN_PRODUCTION"::equals);
    JsonNode model = await("model promoted", () -> api.get("auditor-1", "/api/v1/models/" + key),
        r -> r.status() == 200 && r.raw().contains("production")).json();
    assertThat(model.toString()).contains("governance-board-1").contains("governance-board-2");
    await("tickets closed", () -> api.get("auditor-1", "/api/v1/tickets?initiativeKey=" + key).json().path("items"),
        t -> statuses(t).stream().allMatch("DONE"::equals));

    Api.Response drift = api.post("operations-1", "/api/v1/initiatives/" + key + "/events",
        Map.of("type", "DRIFT_ALERT", "detail", "PSI 0.31 on transaction amount"));
    assertThat(drift.status()).as(drift.raw()).isEqualTo(202);
    JsonNode revalidation = steps.inboxTask("business-validation-2", "business-validation", key);
    assertThat(revalidation.path("round").asInt()).isEqualTo(2);
    JsonNode duringRevalidation = api.get("auditor-1", "/api/v1/initiatives/" + key).json();
    assertThat(duringRevalidation.path("stage").asString()).isEqualTo("IN_PRODUCTION");
    assertThat(LifecycleSteps.gateStatuses(duringRevalidation)).containsEntry("HITL_VALIDATION", "OPEN").containsEntry("SECURITY_REVIEW", "APPROVED");
    steps.approveAs("business-validation-2", revalidation);
    steps.assertGate(key, "HITL_VALIDATION", "APPROVED");

    assertThat(api.post("operations-1", "/api/v1/initiatives/" + key + "/retire", Map.of("reason", "replaced by v2")).status())
        .isEqualTo(202);
    JsonNode retired = steps.initiativeWhen(key, v -> "RETIRED".equals(v.path("stage").asString()));
    assertThat(retired.path("outcomeReason").asString()).isEqualTo("replaced by v2");
    assertThat(LifecycleSteps.timelineHas(retired, "RETIRED")).isTrue();
    await("CRM shows retirement", () -> api.get("auditor-1", "/api/v1/crm/records/" + key).json().path("stage").asString(),
        "RETIRED"::equals);
    assertProblem(api.post("operations-1", "/api/v1/initiatives/" + key + "/retire", Map.of("reason", "again")), 409);
  }

  private String ticketOf(String key, String gate) {
    for (JsonNode ticket : api.get("auditor-1", "/api/v1/tickets?initiativeKey=" + key).json().path("items")) {
      if (gate.equals(ticket.path("gate").asString()) && "OPEN".equals(ticket.path("status").asString())) {
        return ticket.path("id").asString();
      }
    }
    throw new AssertionError("no open " + gate + " ticket for " + key);
  }

  private static List<String> statuses(JsonNode tickets) {
    List<String> statuses = new ArrayList<>();
    tickets.forEach(t -> statuses.add(t.path("status").asString()));
    return statuses;
  }
}

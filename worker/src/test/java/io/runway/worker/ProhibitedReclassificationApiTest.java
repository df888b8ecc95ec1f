package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * F1 over the API: the governance board reclassifies an initiative in security review as PROHIBITED.
 * The request is answered (it used to hang while the workflow failed every task), audited, and the
 * initiative ends REJECTED with its open tasks cancelled and its tickets closed.
 */
class ProhibitedReclassificationApiTest extends ApiTestSupport {

  @Test
  void reclassifyingAnInitiativeInReviewAsProhibitedRejectsItAndIsAnsweredAndAudited() {
    String key = uniqueKey("prohibited-api");
    launch(key, "LIMITED");
    String security = openTask(key, "SECURITY_REVIEW").path("id").asString();
    assertThat(api.post("security-1", "/api/v1/tasks/" + security + "/claim", "").status()).isEqualTo(200);

    Api.Response reclassified = api.post("governance-board-1", "/api/v1/initiatives/" + key + "/reclassify",
        Map.of("riskTier", "PROHIBITED", "reason", "real-time remote biometric identification"));

    assertThat(reclassified.status()).as(reclassified.raw()).isEqualTo(200);
    assertThat(reclassified.json().path("stage").asString()).isEqualTo("REJECTED");
    JsonNode ended = await("the initiative ended with no open task", () -> api.get("auditor-1", "/api/v1/initiatives/" + key).json(),
        v -> "REJECTED".equals(v.path("stage").asString()) && !v.path("tasks").toString().contains("\"OPEN\""));
    assertThat(ended.path("outcomeReason").asString()).contains("reclassified PROHIBITED by governance-board-1")
        .contains("real-time remote biometric identification");
    JsonNode tickets = await("tickets closed", () -> api.get("auditor-1", "/api/v1/tickets?initiativeKey=" + key).json().path("items"),
        t -> t.size() > 0 && !t.toString().contains("\"status\":\"OPEN\""));
    assertThat(tickets).allSatisfy(t -> assertThat(t.path("status").asString()).isIn("CANCELLED", "DONE"));
    JsonNode audit = api.get("auditor-1", "/api/v1/audit?initiativeKey=" + key).json().path("items");
    assertThat(audit.toString()).contains("POST /api/v1/initiatives/{key}/reclassify");
    assertThat(audit).anySatisfy(e -> {
      assertThat(e.path("action").asString()).isEqualTo("POST /api/v1/initiatives/{key}/reclassify");
      assertThat(e.path("actor").asString()).isEqualTo("governance-board-1");
      assertThat(e.path("outcome").asString()).isEqualTo("ACCEPTED");
    });
  }
}

package io.runway.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.runway.lifecycle.InitiativeWorkflow;
import io.runway.lifecycle.Lifecycle;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.LaunchInput;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * No API call hangs on a workflow that does not answer: here one whose task queue no worker polls, as
 * when the workers are down or every workflow task of the initiative fails. Temporal's client would
 * wait for the update's result for ever; the API answers 503 after runway.api.temporal-timeout, says
 * the command may still take effect, and records the request in the audit trail.
 */
class TemporalTimeoutTest extends ApiTestSupport {

  @Autowired WorkflowClient temporal;
  @Autowired JdbcClient jdbc;

  @Test
  void aCommandOnAWorkflowThatNeverAnswersIs503AfterTheTimeoutAndIsAudited() {
    String key = uniqueKey("unanswered");
    jdbc.sql("insert into launch_request (key, payload_hash, payload, launched_by, accepted_at) values (?, ?, ?::jsonb, ?, ?)")
        .params(key, "0".repeat(64), "{\"key\":\"" + key + "\",\"name\":\"never answered\"}", PROGRAM_OFFICE,
            Timestamp.from(Instant.now()))
        .update();
    InitiativeWorkflow unpolled = temporal.newWorkflowStub(InitiativeWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(Lifecycle.workflowId(key)).setTaskQueue("nobody-polls-" + key).build());
    WorkflowClient.start(unpolled::run, new LaunchInput(new InitiativeRequest(key, "never answered", null, null, null, null, null,
        List.of(), List.of(), null, null, null), PROGRAM_OFFICE, null, null), null);
    try {
      Api.Response reclassify = api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/reclassify",
          Map.of("riskTier", "HIGH", "reason", "biometric data"));
      Api.Response withdraw = api.post(PROGRAM_OFFICE, "/api/v1/initiatives/" + key + "/withdraw", Map.of("reason", "stop"));

      assertProblem(reclassify, 503);
      assertThat(reclassify.detail()).contains("did not answer within 10 s").contains("check the initiative or task before you retry");
      assertProblem(withdraw, 503);
      JsonNode entries = api.get("auditor-1", "/api/v1/audit?initiativeKey=" + key).json().path("items");
      assertThat(entries.toString()).contains("POST /api/v1/initiatives/{key}/reclassify").contains("\"httpStatus\":503");
    } finally {
      temporal.newUntypedWorkflowStub(Lifecycle.workflowId(key)).terminate("test over");
    }
  }
}

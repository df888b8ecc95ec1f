package io.runway.worker.initiative;

import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import java.time.Instant;
import java.util.Map;

/** The answer to a launch; a retried launch with the same payload gets the same answer. */
public record LaunchResponse(
    String key,
    String workflowId,
    Stage stage,
    RiskTier riskTier,
    String name,
    String launchedBy,
    Instant acceptedAt,
    Map<String, String> links) {

  static LaunchResponse of(LaunchRequests.Accepted accepted, io.runway.lifecycle.model.InitiativeRequest request) {
    String self = "/api/v1/initiatives/" + accepted.key();
    return new LaunchResponse(
        accepted.key(),
        io.runway.lifecycle.Lifecycle.workflowId(accepted.key()),
        Stage.INTAKE,
        request.riskTier(),
        request.name(),
        accepted.launchedBy(),
        accepted.acceptedAt(),
        Map.of(
            "self", self,
            "tasks", "/api/v1/tasks?initiativeKey=" + accepted.key(),
            "evidence", self + "/evidence",
            "withdraw", self + "/withdraw"));
  }
}

package io.runway.lifecycle.model;

import java.time.Instant;
import java.util.List;

/** The whole state of an initiative, as the workflow query returns it and the read model stores it. */
public record InitiativeView(
    String key,
    String workflowId,
    InitiativeRequest request,
    RiskTier riskTier,
    Stage stage,
    String policyVersion,
    String launchedBy,
    Instant launchedAt,
    Instant lastProgressAt,
    String modelVersion,
    String outcomeReason,
    List<GateView> gates,
    List<TaskView> tasks,
    List<Evidence> evidence,
    List<String> crmRecords) {}

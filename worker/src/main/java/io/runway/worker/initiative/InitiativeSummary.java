package io.runway.worker.initiative;

import io.runway.lifecycle.model.Owners;
import java.time.Instant;

/** One row of the portfolio listing. */
record InitiativeSummary(
    String key,
    String workflowId,
    String name,
    String businessUnit,
    String riskTier,
    String stage,
    Owners owners,
    String sponsor,
    String launchedBy,
    Instant launchedAt,
    Instant lastProgressAt,
    String modelName,
    String modelVersion,
    String outcomeReason) {}

package io.runway.lifecycle.model;

import java.time.Instant;
import java.util.List;

/**
 * What the workflow knows of an initiative's value besides its actuals: when it went live, the next
 * value review and why, whether it is served, whether it is at risk (and why), its data-readiness
 * exceptions and its latest value decision. The read model keeps the actuals' history.
 */
public record ValueSummary(
    String initiativeKey,
    Instant wentLiveAt,
    Instant nextReviewAt,
    String nextReviewOccasion,
    String openReviewTaskId,
    ServingState serving,
    boolean atRisk,
    List<String> riskReasons,
    List<ReadinessException> readinessExceptions,
    ValueDecision latestDecision) {

  public ValueSummary {
    riskReasons = riskReasons == null ? List.of() : List.copyOf(riskReasons);
    readinessExceptions = readinessExceptions == null ? List.of() : List.copyOf(readinessExceptions);
  }
}

package io.runway.lifecycle.model;

import java.util.List;

/**
 * What the value projection writes: the summary at sequence {@code seq}, and the actuals and
 * decisions recorded since the previous value snapshot. Idempotent by (workflow id, entry seq).
 */
public record ValueSnapshot(
    String workflowId, long seq, ValueSummary summary, List<KpiActual> newActuals, List<CostActual> newCosts,
    List<ValueDecision> newDecisions) {

  public ValueSnapshot {
    newActuals = newActuals == null ? List.of() : List.copyOf(newActuals);
    newCosts = newCosts == null ? List.of() : List.copyOf(newCosts);
    newDecisions = newDecisions == null ? List.of() : List.copyOf(newDecisions);
  }
}

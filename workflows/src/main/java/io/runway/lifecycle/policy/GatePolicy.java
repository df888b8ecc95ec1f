package io.runway.lifecycle.policy;

import io.runway.lifecycle.model.Gate;
import java.time.Duration;
import java.util.List;

/**
 * How one gate runs for one risk tier. Gates with the same {@code phase} run in parallel; phases
 * run in ascending order. {@code metrics} names the MLOps metrics shown on the task;
 * {@code awaitTicketResolution} makes the gate also wait for its ticket to be resolved.
 */
public record GatePolicy(
    Gate gate,
    int phase,
    String candidateGroup,
    Duration sla,
    List<String> requiredEvidence,
    int requiredApprovals,
    boolean awaitTicketResolution,
    List<String> metrics) {

  public GatePolicy {
    requiredEvidence = requiredEvidence == null ? List.of() : List.copyOf(requiredEvidence);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    requiredApprovals = Math.max(1, requiredApprovals);
  }
}

package io.runway.lifecycle.policy;

import io.runway.lifecycle.model.Gate;
import java.time.Duration;
import java.util.List;

/**
 * How one gate runs for one risk tier. Gates with the same {@code phase} run in parallel; phases
 * run in ascending order. {@code metrics} names the MLOps metrics shown on the task, and
 * {@code thresholds} the bounds some of them must meet before the gate may be approved;
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
    List<String> metrics,
    List<MetricBound> thresholds) {

  public GatePolicy {
    requiredEvidence = requiredEvidence == null ? List.of() : List.copyOf(requiredEvidence);
    metrics = metrics == null ? List.of() : List.copyOf(metrics);
    thresholds = thresholds == null ? List.of() : List.copyOf(thresholds);
    requiredApprovals = Math.max(1, requiredApprovals);
  }

  /** A gate without metric thresholds. */
  public GatePolicy(Gate gate, int phase, String candidateGroup, Duration sla, List<String> requiredEvidence,
      int requiredApprovals, boolean awaitTicketResolution, List<String> metrics) {
    this(gate, phase, candidateGroup, sla, requiredEvidence, requiredApprovals, awaitTicketResolution, metrics, null);
  }
}

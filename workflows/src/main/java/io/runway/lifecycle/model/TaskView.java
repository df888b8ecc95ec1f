package io.runway.lifecycle.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A human task as people see it. {@code approvals} lists who approved so far (the go-live decision
 * needs {@code requiredApprovals} distinct people); {@code escalationLevel} is 0 (on time),
 * 1 (reminded), 2 (breached, escalated to lead and sponsor), 3 (escalated to the governance board).
 */
public record TaskView(
    String id,
    String initiativeKey,
    Gate gate,
    TaskKind kind,
    int round,
    String candidateGroup,
    List<String> candidateUsers,
    TaskStatus status,
    String assignee,
    Instant createdAt,
    Instant dueAt,
    List<String> requiredEvidence,
    int requiredApprovals,
    List<String> approvals,
    Decision decision,
    String decidedBy,
    String comment,
    Instant completedAt,
    int escalationLevel,
    Map<String, Double> metrics,
    List<String> missingItems,
    String findings,
    Map<String, String> invalidMetrics,
    boolean awaitingMetrics) {

  /**
   * {@code invalidMetrics}: metrics the model registry sent with a value that is not a number, name to
   * what it sent. {@code awaitingMetrics}: the task's metrics are still being read, and approval waits for them.
   */
  public TaskView {
    invalidMetrics = invalidMetrics == null ? Map.of() : invalidMetrics;
  }
}

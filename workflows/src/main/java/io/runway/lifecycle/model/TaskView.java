package io.runway.lifecycle.model;

import java.time.Instant;
import java.util.List;
import io.runway.lifecycle.policy.MetricBound;
import java.util.Map;

/**
 * A human task as people see it. {@code approvals} lists who approved so far (the go-live decision
 * needs {@code requiredApprovals} distinct people); {@code escalationLevel} is 0 (on time),
 * 1 (reminded), 2 (breached, escalated to lead and sponsor), 3 (escalated to the governance board).
 * {@code thresholds} are the bounds the task's metrics must meet before it may be approved.
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
    List<MetricBound> thresholds,
    Map<String, String> invalidMetrics,
    boolean awaitingMetrics) {

  /**
   * {@code thresholds}: bounds the task's metrics must meet before APPROVE (data readiness).
   * {@code invalidMetrics}: metrics the model registry sent with a value that is not a number, name to
   * what it sent. {@code awaitingMetrics}: the task's metrics are still being read, and approval waits for them.
   */
  public TaskView {
    thresholds = thresholds == null ? List.of() : thresholds;
    invalidMetrics = invalidMetrics == null ? Map.of() : invalidMetrics;
  }

  public TaskView(String id, String initiativeKey, Gate gate, TaskKind kind, int round, String candidateGroup,
      List<String> candidateUsers, TaskStatus status, String assignee, Instant createdAt, Instant dueAt,
      List<String> requiredEvidence, int requiredApprovals, List<String> approvals, Decision decision, String decidedBy,
      String comment, Instant completedAt, int escalationLevel, Map<String, Double> metrics, List<String> missingItems,
      String findings) {
    this(id, initiativeKey, gate, kind, round, candidateGroup, candidateUsers, status, assignee, createdAt, dueAt,
        requiredEvidence, requiredApprovals, approvals, decision, decidedBy, comment, completedAt, escalationLevel,
        metrics, missingItems, findings, List.of(), Map.of(), false);
  }
}

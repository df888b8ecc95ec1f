package io.runway.lifecycle;

import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.Identities;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.model.TaskView;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A task inside the workflow's state; public fields so Temporal's converter carries it across continue-as-new. */
public class TaskState {
  public String id;
  public Gate gate;
  public TaskKind kind;
  public int round;
  public String candidateGroup;
  public List<String> candidateUsers = new ArrayList<>();
  public TaskStatus status = TaskStatus.OPEN;
  public String assignee;
  public Instant createdAt;
  public Instant dueAt;
  public List<String> requiredEvidence = new ArrayList<>();
  public int requiredApprovals = 1;
  public List<String> approvals = new ArrayList<>();
  public Decision decision;
  public String decidedBy;
  public String comment;
  public Instant completedAt;
  public int escalationLevel;
  public Map<String, Double> metrics = new LinkedHashMap<>();
  /** Metrics the registry sent with a value that is not a number: name to what it sent. */
  public Map<String, String> invalidMetrics = new LinkedHashMap<>();
  /** The gate's metrics are being read from the registry (which may be failing): approval waits for them. */
  public boolean awaitingMetrics;
  public List<String> missingItems = new ArrayList<>();
  public String findings;
  /** Bounds the task's metrics must meet before APPROVE (data readiness), copied from the policy. */
  public List<io.runway.lifecycle.policy.MetricBound> thresholds = new ArrayList<>();
  /** A value review's FIX: when the follow-up review opens. */
  public java.time.LocalDate followUpOn;

  public boolean open() {
    return status == TaskStatus.OPEN;
  }

  /** Who may act on the task besides its candidate group: the owners on findings tasks, by username or e-mail. */
  public boolean isCandidate(io.runway.lifecycle.model.Actor actor) {
    return actor.isMemberOf(candidateGroup) || candidateUsers.stream().anyMatch(actor::isNamedBy);
  }

  public TaskView view(String initiativeKey) {
    return new TaskView(id, initiativeKey, gate, kind, round, candidateGroup, List.copyOf(candidateUsers), status,
        assignee, createdAt, dueAt, List.copyOf(requiredEvidence), requiredApprovals, List.copyOf(approvals),
        decision, decidedBy, comment, completedAt, escalationLevel, Map.copyOf(metrics), List.copyOf(missingItems),
        findings, List.copyOf(thresholds), Map.copyOf(invalidMetrics), awaitingMetrics);
  }
}

package io.runway.lifecycle;

import io.runway.lifecycle.activity.MetricsQuery;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.runway.lifecycle.policy.GatePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Runs gates: each opens a review task for its candidate group, waits for the decision, loops
 * through request-changes rounds, and approves or rejects. Gates of one phase run in parallel.
 */
final class Gates {

  private final InitiativeState state;
  private final Integrations systems;
  private final Notifier notifier;
  private final Tasks tasks;
  private final Tickets tickets;
  private final Incidents incidents;

  Gates(InitiativeState state, Integrations systems, Notifier notifier, Tasks tasks, Tickets tickets, Incidents incidents) {
    this.state = state;
    this.systems = systems;
    this.notifier = notifier;
    this.tasks = tasks;
    this.tickets = tickets;
    this.incidents = incidents;
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** Runs every gate the tier requires and has not approved, phase by phase, until none is left or the initiative ends. */
  void runPending() {
    while (!state.ended()) {
      List<GatePolicy> pending = pendingGates();
      if (pending.isEmpty()) {
        return;
      }
      int phase = pending.get(0).phase();
      List<Promise<Void>> running = pending.stream()
          .filter(g -> g.phase() == phase)
          .map(g -> Async.procedure(this::run, g.gate()))
          .toList();
      Promise.allOf(running).get();
    }
  }

  boolean hasPending() {
    return !pendingGates().isEmpty();
  }

  private List<GatePolicy> pendingGates() {
    return state.tierPolicy().gates().stream()
        .filter(g -> !state.gates.containsKey(g.gate()) || state.gates.get(g.gate()).status != GateStatus.APPROVED)
        .sorted(Comparator.comparingInt(GatePolicy::phase))
        .toList();
  }

  /** One gate, through as many request-changes rounds as it takes. */
  void run(Gate gate) {
    while (!state.ended()) {
      if (!isRequired(gate)) {
        return;
      }
      GatePolicy policy = state.tierPolicy().gate(gate).orElseThrow();
      TaskState review = openReview(gate, policy);
      Workflow.await(() -> !review.open() || state.ended() || !isRequired(gate));
      if (review.open()) {
        tasks.cancel(review, isRequired(gate) || state.rejectedAsProhibited() ? "the initiative ended" : "the gate is no longer required");
        dropIfNotRequired(gate);
        return;
      }
      tickets.comment(gate, review.decision + " by " + review.decidedBy + (review.comment == null ? "" : ": " + review.comment));
      switch (review.decision) {
        case APPROVE -> {
          approve(gate, policy, review);
          return;
        }
        case REJECT -> {
          reject(gate, review);
          return;
        }
        default -> awaitFindings(gate, review);
      }
    }
  }

  boolean isRequired(Gate gate) {
    return gate == Gate.RECERTIFICATION ? state.tierPolicy().recertifies() : state.tierPolicy().gate(gate).isPresent();
  }

  private TaskState openReview(Gate gate, GatePolicy policy) {
    GateState g = state.gate(gate);
    g.round++;
    g.status = GateStatus.OPEN;
    g.candidateGroup = policy.candidateGroup();
    g.openedAt = now();
    g.decidedAt = null;
    g.decidedBy = new ArrayList<>();
    TaskState task = tasks.open(TaskKind.GATE_REVIEW, gate, g.round, policy.candidateGroup(), List.of(), policy.sla());
    task.requiredEvidence = new ArrayList<>(policy.requiredEvidence());
    task.requiredApprovals = policy.requiredApprovals();
    g.dueAt = task.dueAt;
    state.progressed(now(), "GATE_OPENED", gate, null,
        gate + " round " + g.round + " opened for " + policy.candidateGroup() + ", due " + task.dueAt);
    tickets.openFor(g);
    if (!policy.metrics().isEmpty()) {
      readMetrics(task, policy.metrics());
    }
    return task;
  }

  private void dropIfNotRequired(Gate gate) {
    GateState g = state.gates.get(gate);
    if (g != null && !isRequired(gate) && !state.rejectedAsProhibited()) {
      g.status = GateStatus.CANCELLED;
      state.changed(now(), "GATE_DROPPED", gate, null, gate + " is not required for risk tier " + state.riskTier);
    } else if (g != null && g.active()) {
      g.status = GateStatus.CANCELLED;
    }
  }

  private void approve(Gate gate, GatePolicy policy, TaskState review) {
    GateState g = state.gate(gate);
    if (policy.awaitTicketResolution() && g.ticket != null && !g.ticketResolved) {
      state.changed(now(), "AWAITING_TICKET", gate, null, "approved; waiting for ticket " + g.ticket.id() + " to be resolved");
      Workflow.await(() -> g.ticketResolved || state.ended());
      if (state.ended()) {
        return;
      }
    }
    g.status = GateStatus.APPROVED;
    g.decidedAt = now();
    g.decidedBy = new ArrayList<>(review.approvals);
    state.progressed(now(), "GATE_APPROVED", gate, review.decidedBy, gate + " approved by " + String.join(", ", review.approvals));
    tickets.close(g, "DONE", gate + " approved");
  }

  private void reject(Gate gate, TaskState review) {
    GateState g = state.gate(gate);
    g.status = GateStatus.REJECTED;
    g.decidedAt = now();
    g.decidedBy = List.of(review.decidedBy);
    state.stage = Stage.REJECTED;
    state.outcomeReason = gate + " rejected by " + review.decidedBy + ": " + review.comment;
    state.progressed(now(), "GATE_REJECTED", gate, review.decidedBy, review.comment);
  }

  private void awaitFindings(Gate gate, TaskState review) {
    GateState g = state.gate(gate);
    g.status = GateStatus.CHANGES_REQUESTED;
    state.progressed(now(), "CHANGES_REQUESTED", gate, review.decidedBy, review.comment);
    List<String> owners = state.request.owners() == null ? List.of() : state.request.owners().all();
    TaskState findings = tasks.open(TaskKind.ADDRESS_FINDINGS, gate, g.round, state.policy.findingsGroup(), owners,
        state.policy.findingsSla());
    findings.findings = review.comment;
    notifier.send(findings, "CHANGES_REQUESTED", owners.stream().map(o -> "user:" + o).toList(),
        gate + " of " + state.request.key() + ": changes requested by " + review.decidedBy, review.comment);
    Workflow.await(() -> !findings.open() || state.ended() || !isRequired(gate));
    if (findings.open()) {
      tasks.cancel(findings, state.ended() ? "the initiative ended" : "the gate is no longer required");
      dropIfNotRequired(gate);
    }
  }

  private void readMetrics(TaskState task, List<String> names) {
    var metrics = incidents.call("reading " + names + " from the model registry", task.gate, () -> systems.mlops.readMetrics(
        new MetricsQuery(state.request.key(), state.request.effectiveModelName(), state.modelVersion(), names)));
    if (metrics.succeeded()) {
      task.metrics.putAll(metrics.value());
      state.changed(now(), "METRICS_READ", task.gate, null, metrics.value().isEmpty() ? "no metrics recorded" : metrics.value().toString());
    }
  }
}

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
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs gates: each opens a review task for its candidate group, waits for the decision, loops
 * through request-changes rounds, and approves or rejects. Gates of one phase run in parallel.
 */
final class Gates {

  /**
   * A reclassification can add a gate of a phase already reached (LIMITED adds legal review to a
   * MINIMAL initiative in integration). Before version 1 it ran only once the phase under way was
   * done; from version 1 it opens at once and no later phase starts until it is approved.
   */
  static final String ADDED_GATES_OPEN_AT_ONCE = "reclassified-gates-open-at-once";

  /** From version 1 metrics are read with readRunMetrics, which reports a value that is not a number as invalid. */
  static final String INVALID_METRICS = "metrics-marked-invalid";

  private boolean marksInvalidMetrics;
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

  private boolean addedGatesOpenAtOnce;

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseAddedGatesVersion() {
    addedGatesOpenAtOnce = Workflow.getVersion(ADDED_GATES_OPEN_AT_ONCE, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /** Runs every gate the tier requires and has not approved, phase by phase, until none is left or the initiative ends. */
  void runPending() {
    if (addedGatesOpenAtOnce) {
      runPendingOpeningAddedGates();
      return;
    }
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

  /**
   * The earliest phase with a gate still to approve runs; a gate that appears in that phase or an
   * earlier one (a reclassification) starts as soon as it appears instead of after the phase. Every
   * gate procedure started here has returned when this does, as before version 1.
   */
  private void runPendingOpeningAddedGates() {
    Map<Gate, Promise<Void>> running = new EnumMap<>(Gate.class);
    while (!state.ended()) {
      List<GatePolicy> pending = pendingGates();
      if (pending.isEmpty()) {
        break;
      }
      int phase = pending.get(0).phase();
      pending.stream()
          .filter(g -> g.phase() == phase && !isRunning(running, g.gate()))
          .forEach(g -> running.put(g.gate(), Async.procedure(this::run, g.gate())));
      Workflow.await(() -> state.ended() || hasGateToStart(running));
    }
    Workflow.await(() -> running.values().stream().allMatch(Promise::isCompleted));
  }

  /** A pending gate of the earliest pending phase that no procedure runs: the phase is done, or a gate was added. */
  private boolean hasGateToStart(Map<Gate, Promise<Void>> running) {
    List<GatePolicy> pending = pendingGates();
    return pending.isEmpty() || pending.stream()
        .filter(g -> g.phase() == pending.get(0).phase())
        .anyMatch(g -> !isRunning(running, g.gate()));
  }

  private static boolean isRunning(Map<Gate, Promise<Void>> running, Gate gate) {
    Promise<Void> procedure = running.get(gate);
    return procedure != null && !procedure.isCompleted();
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
    task.thresholds = new ArrayList<>(policy.thresholds());
    g.dueAt = task.dueAt;
    state.progressed(now(), "GATE_OPENED", gate, null,
        gate + " round " + g.round + " opened for " + policy.candidateGroup() + ", due " + task.dueAt);
    // refused approval from the start: the ticket is opened first, and that too can wait on a vendor
    task.awaitingMetrics = !policy.metrics().isEmpty();
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
      tickets.awaitResolution(g);
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

  /**
   * Puts the metrics on the task. Until they are read (or engineering skips the read), the task refuses
   * approval ({@link TaskRules}): nobody approves data readiness without the values it is approved on.
   */
  private void readMetrics(TaskState task, List<String> names) {
    MetricsQuery query = new MetricsQuery(state.request.key(), state.request.effectiveModelName(), state.modelVersion(), names);
    String what = "reading " + names + " from the model registry";
    if (!marksInvalidMetrics) {
      var metrics = incidents.call(what, task.gate, () -> systems.mlops.readMetrics(query));
      task.awaitingMetrics = false;
      if (metrics.succeeded()) {
        task.metrics.putAll(metrics.value());
        state.changed(now(), "METRICS_READ", task.gate, null, metrics.value().isEmpty() ? "no metrics recorded" : metrics.value().toString());
      }
      return;
    }
    var reading = incidents.call(what, task.gate, () -> systems.mlops.readRunMetrics(query));
    task.awaitingMetrics = false;
    if (reading.succeeded()) {
      task.metrics.putAll(reading.value().values());
      task.invalidMetrics.putAll(reading.value().invalid());
      String read = reading.value().values().isEmpty() ? "no metrics recorded" : reading.value().values().toString();
      state.changed(now(), "METRICS_READ", task.gate, null, reading.value().invalid().isEmpty() ? read
          : read + "; not a number, shown as invalid: " + reading.value().invalid());
    } else {
      state.changed(now(), "METRICS_NOT_READ", task.gate, null, "approval goes on without the metrics: " + reading.failure());
    }
  }

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseVersion() {
    marksInvalidMetrics = Workflow.getVersion(INVALID_METRICS, Workflow.DEFAULT_VERSION, 1) == 1;
  }
}

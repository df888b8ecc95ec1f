package io.runway.lifecycle;

import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ReadinessExceptionCommand;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.policy.GatePolicy;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Exceptions to the data-readiness thresholds. A reviewer asks with a justification and an expiry
 * date; a governance-board member other than the requester decides in a task; while ACTIVE, data
 * readiness may be approved on failing metrics. At expiry a gate approved under the exception
 * re-opens, so the metrics are looked at again.
 */
final class ReadinessExceptions {

  private final InitiativeState state;
  private final Tasks tasks;

  ReadinessExceptions(InitiativeState state, Tasks tasks) {
    this.state = state;
    this.tasks = tasks;
  }

  static Optional<ReadinessException> active(InitiativeState state) {
    return state.value.readinessExceptions.stream().filter(e -> e.status() == ReadinessException.Status.ACTIVE).findFirst();
  }

  static Optional<ReadinessException> forTask(InitiativeState state, String taskId) {
    return state.value.readinessExceptions.stream().filter(e -> taskId.equals(e.taskId())).findFirst();
  }

  ReadinessException request(ReadinessExceptionCommand command) {
    List<ReadinessException> all = state.value.readinessExceptions;
    int round = all.size() + 1;
    GatePolicy gate = state.tierPolicy().gate(Gate.DATA_READINESS).orElseThrow();
    TaskState task = tasks.open(TaskKind.READINESS_EXCEPTION, Gate.DATA_READINESS, round, Lifecycle.GOVERNANCE_BOARD, List.of(),
        gate.sla());
    String user = command.actor().username();
    task.findings = "Exception to the data-readiness thresholds until " + command.expiresOn() + ", asked by " + user + ": "
        + command.justification();
    ReadinessException requested = new ReadinessException("rx-" + round, command.justification(), command.expiresOn(), user,
        Gates.now(), task.id, ReadinessException.Status.REQUESTED, null, null, null);
    all.add(requested);
    state.value.dirty = true;
    state.progressed(Gates.now(), "READINESS_EXCEPTION_REQUESTED", Gate.DATA_READINESS, user,
        task.id + " until " + command.expiresOn() + ": " + command.justification());
    Async.procedure(this::awaitDecision, requested, task);
    return requested;
  }

  /** After continue-as-new: active exceptions still expire. */
  void resume() {
    active(state).ifPresent(e -> Async.procedure(this::expire, e.id()));
  }

  boolean idle() {
    return state.value.readinessExceptions.stream().noneMatch(e -> e.status() == ReadinessException.Status.REQUESTED);
  }

  private void awaitDecision(ReadinessException requested, TaskState task) {
    Workflow.await(() -> !task.open() || state.ended());
    if (task.decision == null) {
      return;
    }
    boolean approved = task.decision == Decision.APPROVE;
    replace(requested.id(), requested.with(approved ? ReadinessException.Status.ACTIVE : ReadinessException.Status.REJECTED,
        task.decidedBy, task.completedAt, task.comment));
    state.progressed(Gates.now(), approved ? "READINESS_EXCEPTION_APPROVED" : "READINESS_EXCEPTION_REJECTED",
        Gate.DATA_READINESS, task.decidedBy, requested.id() + (approved ? " until " + requested.expiresOn() : "")
            + (task.comment == null ? "" : ": " + task.comment));
    if (approved) {
      expire(requested.id());
    }
  }

  private void expire(String id) {
    ReadinessException exception = find(id);
    Duration left = Duration.between(Gates.now(), exception.endsAt());
    if (Workflow.await(left.isNegative() ? Duration.ZERO : left, state::ended)) {
      return;
    }
    replace(id, find(id).with(ReadinessException.Status.EXPIRED, null, null, null));
    GateState gate = state.gates.get(Gate.DATA_READINESS);
    boolean approvedUnderIt = gate != null && gate.status == GateStatus.APPROVED && gate.decidedAt != null
        && exception.decidedAt() != null && !gate.decidedAt.isBefore(exception.decidedAt());
    if (approvedUnderIt) {
      gate.status = GateStatus.PENDING;
    }
    state.progressed(Gates.now(), "READINESS_EXCEPTION_EXPIRED", Gate.DATA_READINESS, null, id + " expired"
        + (approvedUnderIt ? "; DATA_READINESS was approved under it and re-opens" : ""));
  }

  private ReadinessException find(String id) {
    return state.value.readinessExceptions.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  private void replace(String id, ReadinessException next) {
    List<ReadinessException> all = state.value.readinessExceptions;
    all.replaceAll(e -> e.id().equals(id) ? next : e);
    state.value.dirty = true;
  }
}

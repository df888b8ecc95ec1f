package io.runway.lifecycle;

import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import java.time.Instant;

/**
 * Applies a validated completion to the state: records evidence and metrics, counts approvals
 * toward the gate's quorum, applies intake amendments. The gate coroutine reacts to the result.
 */
final class Decisions {

  private final InitiativeState state;

  Decisions(InitiativeState state) {
    this.state = state;
  }

  void apply(TaskState task, CompleteCommand command) {
    Instant now = Gates.now();
    String user = command.actor().username();
    command.evidence().forEach(e -> attach(e, task.gate, user));
    task.metrics.putAll(command.metrics());
    task.followUpOn = command.followUpOn();
    if (task.kind == TaskKind.INTAKE_COMPLETION && command.amendment() != null) {
      state.request = state.request.amendedBy(command.amendment());
      if (command.amendment().riskTier() != null) {
        state.riskTier = command.amendment().riskTier();
      }
    }
    if (command.decision() == Decision.APPROVE) {
      task.approvals.add(user);
      if (task.approvals.size() < task.requiredApprovals) {
        task.assignee = null;
        state.progressed(now, "APPROVAL_RECORDED", task.gate, user,
            task.approvals.size() + " of " + task.requiredApprovals + " approvals" + comment(command));
        return;
      }
    }
    task.status = TaskStatus.COMPLETED;
    task.decision = command.decision();
    task.decidedBy = user;
    task.comment = command.comment();
    task.completedAt = now;
    if (task.assignee == null) {
      task.assignee = user;
    }
    state.progressed(now, "TASK_" + command.decision(), task.gate, user, task.id + comment(command));
  }

  void attach(EvidenceInput input, Gate gate, String user) {
    String id = "ev-" + (state.evidence.size() + 1);
    state.evidence.add(new Evidence(id, gate, input.kind(), input.title(), input.uri(), input.sha256(), user, Gates.now()));
    state.changed(Gates.now(), "EVIDENCE_ATTACHED", gate, user, input.kind() + ": " + input.title());
  }

  private static String comment(CompleteCommand command) {
    return command.comment() == null || command.comment().isBlank() ? "" : ": " + command.comment();
  }
}

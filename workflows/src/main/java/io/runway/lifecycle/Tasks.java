package io.runway.lifecycle;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskStatus;
import io.temporal.workflow.Async;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Opens human tasks, each with its SLA clock, and cancels them. */
final class Tasks {

  private final InitiativeState state;
  private final Notifier notifier;

  Tasks(InitiativeState state, Notifier notifier) {
    this.state = state;
    this.notifier = notifier;
  }

  TaskState open(TaskKind kind, Gate gate, int round, String group, List<String> candidateUsers, Duration sla) {
    TaskState task = new TaskState();
    task.id = Lifecycle.taskId(state.request.key(), slug(kind, gate), round);
    task.gate = gate;
    task.kind = kind;
    task.round = round;
    task.candidateGroup = group;
    task.candidateUsers = new ArrayList<>(candidateUsers);
    task.createdAt = Gates.now();
    task.dueAt = task.createdAt.plus(sla);
    state.tasks.add(task);
    Async.procedure(notifier::runSlaClock, task, sla);
    return task;
  }

  void cancel(TaskState task, String why) {
    task.status = TaskStatus.CANCELLED;
    task.completedAt = Gates.now();
    task.comment = why;
    state.changed(Gates.now(), "TASK_CANCELLED", task.gate, null, task.id + " cancelled: " + why);
  }

  private static String slug(TaskKind kind, Gate gate) {
    return switch (kind) {
      case GATE_REVIEW -> gate.slug();
      case ADDRESS_FINDINGS -> gate.slug() + "-findings";
      case INTEGRATION_INCIDENT -> gate == null ? "incident" : gate.slug() + "-incident";
      case INTAKE_COMPLETION -> "intake";
      case VALUE_REVIEW -> "value-review";
      case SWITCH_OFF -> "switch-off";
      case SWITCH_ON -> "switch-on";
      case READINESS_EXCEPTION -> "data-readiness-exception";
    };
  }
}

package io.runway.lifecycle;

import io.runway.lifecycle.activity.Notification;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.policy.EscalationPolicy;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The SLA clock of each open task, as durable timers: a reminder at the policy's fraction of the
 * SLA, escalation to the group lead and the sponsor at breach, then to the governance board.
 */
final class Notifier {

  private final InitiativeState state;
  private final Integrations systems;

  Notifier(InitiativeState state, Integrations systems) {
    this.state = state;
    this.systems = systems;
  }

  void runSlaClock(TaskState task, Duration sla) {
    EscalationPolicy escalation = state.policy.escalation();
    Duration untilReminder = Duration.ofMillis((long) (sla.toMillis() * escalation.reminderAt()));
    if (Workflow.await(untilReminder, () -> !task.open())) {
      return;
    }
    List<String> reminded = new ArrayList<>(List.of("group:" + task.candidateGroup));
    if (task.assignee != null) {
      reminded.add("user:" + task.assignee);
    }
    escalate(task, 1, "SLA_REMINDER", reminded, "due " + task.dueAt);
    countSlaEvent("reminder", task);
    if (Workflow.await(sla.minus(untilReminder), () -> !task.open())) {
      return;
    }
    List<String> breached = new ArrayList<>(List.of("lead:" + task.candidateGroup));
    if (state.request.sponsor() != null) {
      breached.add("user:" + state.request.sponsor());
    }
    escalate(task, 2, "SLA_BREACHED", breached, "overdue since " + task.dueAt);
    countSlaEvent("breach", task);
    if (Workflow.await(escalation.secondEscalationAfter(), () -> !task.open())) {
      return;
    }
    escalate(task, 3, "ESCALATED_TO_BOARD", List.of("group:" + escalation.boardGroup()),
        "overdue since " + task.dueAt + " and still open after escalation to the " + task.candidateGroup + " lead");
    countSlaEvent("board_escalation", task);
  }

  /**
   * {@code runway_sla_events_total{kind, gate}}: the workflow's metrics scope records nothing while
   * replaying, so each event counts once however often the history is replayed. The exporter adds
   * {@code _total} to a counter's name.
   */
  private static void countSlaEvent(String kind, TaskState task) {
    Workflow.getMetricsScope().tagged(Map.of("kind", kind, "gate", String.valueOf(task.gate)))
        .counter("runway_sla_events").inc(1);
  }

  private void escalate(TaskState task, int level, String kind, List<String> recipients, String detail) {
    task.escalationLevel = level;
    state.changed(Gates.now(), kind, task.gate, null, task.id + " " + detail + "; notified " + String.join(", ", recipients));
    send(task, kind, recipients, kind.replace('_', ' ').toLowerCase(java.util.Locale.ROOT) + ": " + task.id, detail);
  }

  void send(TaskState task, String kind, List<String> recipients, String subject, String body) {
    Notification notification = new Notification(task.id + "/" + kind, kind, state.request.key(), task.id, recipients, subject, body);
    var sent = Integrations.attempt("sending " + kind + " for " + task.id, () -> systems.notifications.send(notification));
    if (!sent.succeeded()) {
      state.changed(Gates.now(), "INTEGRATION_ERROR", task.gate, null, sent.failure());
    }
  }

  /** A notification about the initiative rather than one of its tasks (a system of record that keeps failing). */
  void sendAbout(String requestKey, String kind, Gate gate, List<String> recipients, String subject,
      String body) {
    Notification notification = new Notification(requestKey, kind, state.request.key(), null, recipients, subject, body);
    var sent = Integrations.attempt("sending " + kind + " for " + state.request.key(), () -> systems.notifications.send(notification));
    state.changed(Gates.now(), sent.succeeded() ? kind : "INTEGRATION_ERROR", gate, null,
        sent.succeeded() ? "notified " + String.join(", ", recipients) + ": " + subject : sent.failure());
  }
}

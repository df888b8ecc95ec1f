package io.runway.worker.initiative;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.Evidence;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TimelineEntry;
import io.runway.worker.security.Actors;
import io.runway.worker.task.TaskReadRule;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * An initiative as one reader may see it: the task read rule ({@link TaskReadRule}) applied inside the
 * detail. Of a task the reader may not read, the status, decision, people and dates show, not its
 * comment, findings, measurements or missing items; of a gate none of whose tasks the reader may read,
 * the evidence shows its kind and who added it when, not its title, link or hash, and the history its
 * events but not what their text quotes (a decision's comment, an evidence title, a measurement). The
 * outcome of an initiative a gate rejected names the gate and who rejected it.
 */
final class ReaderView {

  /** History events about a gate whose text is Runway's own (no reviewer's words, no document, no value). */
  private static final Set<String> STRUCTURAL = Set.of("GATE_OPENED", "GATE_APPROVED", "GATE_DROPPED", "AWAITING_TICKET",
      "TICKET_OPENED", "TICKET_CLOSED", "TICKET_RESOLVED", "TASK_CLAIMED", "TASK_UNCLAIMED", "TASK_CANCELLED",
      "SLA_REMINDER", "SLA_BREACHED", "ESCALATED_TO_BOARD", "RECERTIFICATION_SCHEDULED");

  private ReaderView() {}

  static InitiativeDetail of(InitiativeDetail detail, Actor reader) {
    InitiativeView v = detail.view();
    if (Actors.seesEverything(reader) || v.tasks() == null) {
      return detail;
    }
    Set<Gate> readable = readableGates(v.tasks(), reader);
    List<TaskView> tasks = v.tasks().stream().map(t -> TaskReadRule.mayRead(reader, t) ? t : withoutContent(t)).toList();
    List<Evidence> evidence = v.evidence() == null ? null : v.evidence().stream()
        .map(e -> e.gate() == null || readable.contains(e.gate()) || Objects.equals(e.addedBy(), reader.username()) ? e
            : new Evidence(e.id(), e.gate(), e.kind(), null, null, null, e.addedBy(), e.addedAt()))
        .toList();
    List<TimelineEntry> timeline = detail.timeline() == null ? null : detail.timeline().stream()
        .map(e -> e.gate() == null || readable.contains(e.gate()) || STRUCTURAL.contains(e.type()) ? e
            : new TimelineEntry(e.seq(), e.at(), e.type(), e.gate(), e.actor(), null))
        .toList();
    InitiativeView view = new InitiativeView(v.key(), v.workflowId(), v.request(), v.riskTier(), v.stage(), v.policyVersion(),
        v.launchedBy(), v.launchedAt(), v.lastProgressAt(), v.modelVersion(), outcome(v, readable), v.gates(), tasks,
        evidence, v.crmRecords());
    return new InitiativeDetail(view, timeline);
  }

  /** Gates of which the reader may read some task: their evidence and history are theirs to read. */
  private static Set<Gate> readableGates(List<TaskView> tasks, Actor reader) {
    Set<Gate> gates = EnumSet.noneOf(Gate.class);
    tasks.stream().filter(t -> t.gate() != null && TaskReadRule.mayRead(reader, t)).forEach(t -> gates.add(t.gate()));
    return gates;
  }

  private static TaskView withoutContent(TaskView t) {
    return new TaskView(t.id(), t.initiativeKey(), t.gate(), t.kind(), t.round(), t.candidateGroup(), t.candidateUsers(),
        t.status(), t.assignee(), t.createdAt(), t.dueAt(), t.requiredEvidence(), t.requiredApprovals(), t.approvals(),
        t.decision(), t.decidedBy(), null, t.completedAt(), t.escalationLevel(), Map.of(), List.of(), null);
  }

  /** A rejection's reason quotes the reviewer: for readers of other gates, which gate rejected it and who. */
  private static String outcome(InitiativeView v, Set<Gate> readable) {
    if (v.stage() != Stage.REJECTED || v.gates() == null) {
      return v.outcomeReason();
    }
    return v.gates().stream()
        .filter(g -> g.status() == GateStatus.REJECTED && !readable.contains(g.gate()))
        .findFirst()
        .map(g -> g.gate() + " rejected by " + String.join(", ", g.decidedBy() == null ? List.<String>of() : g.decidedBy())
            + "; the reason is for the gate's team, auditors and admins to read")
        .orElse(v.outcomeReason());
  }
}

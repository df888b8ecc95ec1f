package io.runway.lifecycle;

import io.runway.lifecycle.model.Actor;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.Decision;
import io.runway.lifecycle.model.EvidenceCommand;
import io.runway.lifecycle.model.EvidenceInput;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.Identities;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.TaskKind;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The rules every command must pass before it is written to history, run by the update validators.
 * The API checks the same rules first for a quick answer; these are the ones that cannot be bypassed.
 */
final class TaskRules {

  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

  private TaskRules() {}

  static void checkClaim(InitiativeState state, ClaimCommand command) {
    TaskState task = openTask(state, command.taskId(), command.actor());
    String user = command.actor().username();
    if (command.release()) {
      if (!Identities.same(user, task.assignee)) {
        throw Refusal.conflict("task " + task.id + " is not claimed by " + user + ", so " + user + " cannot unclaim it");
      }
      return;
    }
    checkMayAct(state, task, command.actor());
    // whoever could not complete the task must not hold it away from someone who can
    checkNotApprovedYet(task, user);
    if (task.assignee != null && !Identities.same(task.assignee, user)) {
      throw Refusal.conflict("task " + task.id + " is already claimed by " + task.assignee + "; they must unclaim it first");
    }
  }

  static void checkComplete(InitiativeState state, CompleteCommand command) {
    TaskState task = openTask(state, command.taskId(), command.actor());
    Actor actor = command.actor();
    checkMayAct(state, task, actor);
    if (task.assignee != null && !Identities.same(task.assignee, actor.username())) {
      throw Refusal.conflict("task " + task.id + " is claimed by " + task.assignee + "; only they can complete it");
    }
    command.evidence().forEach(TaskRules::checkEvidence);
    command.metrics().forEach((name, value) -> {
      if (value == null || !Double.isFinite(value)) {
        throw Refusal.invalid("metrics." + name + " must be a finite number");
      }
    });
    Decision decision = command.decision();
    if (decision == null) {
      throw Refusal.invalid("decision is required: one of " + allowedDecisions(task.kind));
    }
    if (!allowedDecisions(task.kind).contains(decision)) {
      throw Refusal.invalid("decision " + decision + " does not apply to a " + task.kind + " task; use one of " + allowedDecisions(task.kind));
    }
    if ((decision == Decision.REQUEST_CHANGES || decision == Decision.REJECT) && isBlank(command.comment())) {
      throw Refusal.invalid("comment is required with " + decision + ": say what must change or why it is rejected");
    }
    if (decision == Decision.SKIP && isBlank(command.comment())) {
      throw Refusal.invalid("comment is required with SKIP: justify going on without the system of record");
    }
    if (decision == Decision.APPROVE) {
      checkApproval(state, task, command);
    }
    if (command.amendment() != null && command.amendment().key() != null
        && !command.amendment().key().equals(state.request.key())) {
      throw Refusal.invalid("amendment.key cannot change an initiative's key (" + state.request.key() + ")");
    }
    ValueRules.checkCompletion(state, task, command);
  }

  static void checkEvidenceCommand(InitiativeState state, EvidenceCommand command) {
    checkNotEnded(state);
    Actor actor = command.actor();
    checkMayWrite(actor);
    boolean owner = state.request.owners() != null && state.request.owners().includes(actor);
    boolean reviewer = command.gate() != null && state.gates.containsKey(command.gate())
        && actor.isMemberOf(state.gates.get(command.gate()).candidateGroup);
    if (!owner && !reviewer && !actor.isMemberOf(Lifecycle.PROGRAM_OFFICE)) {
      throw Refusal.forbidden(actor.username() + " may not attach evidence to " + state.request.key()
          + ": only the program office, the initiative's owners or the gate's reviewers can");
    }
    if (command.evidence() == null) {
      throw Refusal.invalid("evidence is required");
    }
    checkEvidence(command.evidence());
  }

  static void checkReclassify(InitiativeState state, ReclassifyCommand command) {
    checkNotEnded(state);
    Actor actor = command.actor();
    checkMayWrite(actor);
    if (!actor.isMemberOf(Lifecycle.PROGRAM_OFFICE) && !actor.isMemberOf(Lifecycle.GOVERNANCE_BOARD)) {
      throw Refusal.forbidden(actor.username() + " may not reclassify: only program-office and governance-board can");
    }
    if (command.riskTier() == null) {
      throw Refusal.invalid("riskTier is required: one of MINIMAL, LIMITED, HIGH, PROHIBITED");
    }
    if (command.riskTier() == state.riskTier) {
      throw Refusal.conflict(state.request.key() + " is already classified " + state.riskTier);
    }
    // a tier without gates would fail the workflow where it next asks for the tier's gates; PROHIBITED ends it instead
    if (command.riskTier() != RiskTier.PROHIBITED && state.policy != null && !state.policyDefines(command.riskTier())) {
      throw Refusal.invalid("lifecycle policy " + state.policy.version() + " defines no gates for risk tier "
          + command.riskTier() + "; choose one of " + state.policy.tiers().keySet().stream().sorted().toList()
          + " or PROHIBITED");
    }
    if (isBlank(command.reason())) {
      throw Refusal.invalid("reason is required: say why the risk tier changes");
    }
  }

  /** A gate that needs several approvers takes each person's approval once. */
  private static void checkNotApprovedYet(TaskState task, String user) {
    if (Identities.includes(task.approvals, user)) {
      throw Refusal.conflict(user + " has already approved " + task.id + "; the " + task.gate + " needs "
          + task.requiredApprovals + " distinct approvers, so the next approval must come from someone else");
    }
  }

  private static void checkApproval(InitiativeState state, TaskState task, CompleteCommand command) {
    checkMetricsRead(task);
    checkNotApprovedYet(task, command.actor().username());
    Set<String> missing = new LinkedHashSet<>(task.requiredEvidence);
    missing.removeAll(evidenceKinds(state, task.gate));
    command.evidence().forEach(e -> missing.remove(e.kind()));
    if (!missing.isEmpty()) {
      throw Refusal.invalid("approval of " + task.gate + " needs evidence of kind " + String.join(", ", missing)
          + "; attach it with the decision or to the initiative first");
    }
  }

  /**
   * A gate whose metrics come from the model registry is approved on those values, so not before they
   * are read. While the read fails, an integration incident says why; skipping it there lets approval go on.
   */
  private static void checkMetricsRead(TaskState task) {
    if (task.awaitingMetrics) {
      throw Refusal.conflict(task.gate + " cannot be approved yet: its metrics have not been read from the model registry."
          + " Approval opens once they are on the task (if the registry keeps failing, engineering can retry or skip the read"
          + " in its integration-incident task).");
    }
  }

  private static Set<String> evidenceKinds(InitiativeState state, Gate gate) {
    Set<String> kinds = new LinkedHashSet<>();
    state.evidence.stream().filter(e -> e.gate() == null || e.gate() == gate).forEach(e -> kinds.add(e.kind()));
    return kinds;
  }

  private static TaskState openTask(InitiativeState state, String taskId, Actor actor) {
    if (actor == null || isBlank(actor.username())) {
      throw Refusal.forbidden("an authenticated user is required");
    }
    checkMayWrite(actor);
    TaskState task = state.task(taskId)
        .orElseThrow(() -> Refusal.notFound("initiative " + state.request.key() + " has no task " + taskId));
    if (!task.open()) {
      throw Refusal.conflict("task " + taskId + " is " + task.status + "; only open tasks can be claimed or completed");
    }
    return task;
  }

  /**
   * Candidate group or candidate user; and for a review never an owner, the requester, an admin, or
   * whoever resubmitted the gate's findings (the reviewer who asked for the changes may approve them).
   */
  private static void checkMayAct(InitiativeState state, TaskState task, Actor actor) {
    String user = actor.username();
    if (!task.isCandidate(actor)) {
      throw Refusal.forbidden(user + " is not in group " + task.candidateGroup + ", which owns task " + task.id);
    }
    ValueRules.checkMayDecide(state, task, actor);
    if (task.kind == TaskKind.GATE_REVIEW) {
      if (state.request.owners() != null && state.request.owners().includes(actor)) {
        throw Refusal.forbidden(user + " is an owner of " + state.request.key() + " and may not decide its gates");
      }
      if (Identities.same(user, state.launchedBy)) {
        throw Refusal.forbidden(user + " launched " + state.request.key() + " and may not decide its gates");
      }
      if (actor.isMemberOf(Lifecycle.ADMIN)) {
        throw Refusal.forbidden(user + " is in group " + Lifecycle.ADMIN + ": admins manage Runway and never decide reviews");
      }
      if (resubmitted(state, task, user)) {
        throw Refusal.forbidden(user + " resubmitted " + task.gate + " after changes were requested and may not decide its review");
      }
    }
  }

  private static boolean resubmitted(InitiativeState state, TaskState review, String user) {
    return state.tasks.stream().anyMatch(t -> t.kind == TaskKind.ADDRESS_FINDINGS && t.gate == review.gate
        && Identities.same(user, t.decidedBy));
  }

  /** Auditors read everything and change nothing, whatever other group they are also in. */
  static void checkMayWrite(Actor actor) {
    if (actor != null && actor.isMemberOf(Lifecycle.AUDITOR)) {
      throw Refusal.forbidden(actor.username() + " is in group " + Lifecycle.AUDITOR + ", which is read-only everywhere");
    }
  }

  static void checkNotEnded(InitiativeState state) {
    if (state.ended()) {
      throw Refusal.conflict(state.request.key() + " is " + (state.endRequested != null ? state.endRequested : state.stage)
          + "; it takes no more commands");
    }
  }

  static void checkEvidence(EvidenceInput evidence) {
    if (isBlank(evidence.kind()) || isBlank(evidence.title()) || isBlank(evidence.uri())) {
      throw Refusal.invalid("evidence needs a kind, a title and a uri");
    }
    try {
      URI uri = new URI(evidence.uri());
      if (!uri.isAbsolute() || !Stream.of("http", "https").anyMatch(s -> s.equalsIgnoreCase(uri.getScheme()))) {
        throw Refusal.invalid("evidence uri " + evidence.uri() + " must be an absolute http(s) link");
      }
    } catch (URISyntaxException e) {
      throw Refusal.invalid("evidence uri " + evidence.uri() + " is not a valid URI: " + e.getReason());
    }
    if (evidence.sha256() != null && !SHA256.matcher(evidence.sha256()).matches()) {
      throw Refusal.invalid("evidence sha256 must be 64 hexadecimal characters");
    }
  }

  static Collection<Decision> allowedDecisions(TaskKind kind) {
    return switch (kind) {
      case GATE_REVIEW -> List.of(Decision.APPROVE, Decision.REQUEST_CHANGES, Decision.REJECT);
      case INTEGRATION_INCIDENT -> List.of(Decision.RETRY, Decision.SKIP);
      case VALUE_REVIEW -> List.of(Decision.CONTINUE, Decision.SCALE, Decision.FIX, Decision.PAUSE, Decision.RETIRE);
      case READINESS_EXCEPTION -> List.of(Decision.APPROVE, Decision.REJECT);
      default -> List.of(Decision.SUBMIT);
    };
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }
}

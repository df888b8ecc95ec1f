package io.runway.lifecycle;

import io.runway.lifecycle.activity.IntakeVerdict;
import io.runway.lifecycle.model.ClaimCommand;
import io.runway.lifecycle.model.CompleteCommand;
import io.runway.lifecycle.model.CostActual;
import io.runway.lifecycle.model.CostActualCommand;
import io.runway.lifecycle.model.EndCommand;
import io.runway.lifecycle.model.EvidenceCommand;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.InitiativeDelta;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.KpiActual;
import io.runway.lifecycle.model.KpiActualCommand;
import io.runway.lifecycle.model.LaunchInput;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ReadinessException;
import io.runway.lifecycle.model.ReadinessExceptionCommand;
import io.runway.lifecycle.model.ReclassifyCommand;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import io.runway.lifecycle.model.TaskKind;
import io.runway.lifecycle.model.TaskView;
import io.runway.lifecycle.model.TicketEvent;
import io.runway.lifecycle.model.TimelineEntry;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The lifecycle: intake, the tier's gates phase by phase, go-live, then production life until the
 * initiative is retired, withdrawn or rejected. State changes are projected to the read model by a
 * coroutine; update handlers return once their change is readable there.
 */
public class InitiativeWorkflowImpl implements InitiativeWorkflow {

  static final int DEFAULT_HISTORY_LIMIT = 10_000;
  /**
   * Snapshots recorded for the projection made events large (runs started before projection deltas
   * still record one per change): stay far below Temporal's 50 MB limit.
   */
  static final long HISTORY_BYTES_LIMIT = 8L * 1024 * 1024;
  private static final int REMEMBERED_EVENT_IDS = 1_000;

  private final LaunchInput launch;
  private final InitiativeState state;
  private final Integrations systems = new Integrations();
  private final Incidents incidents;
  private final Tasks tasks;
  private final Tickets tickets;
  private final Gates gates;
  private final Records records;
  private final ProductionLife production;
  private final ValueLedger ledger;
  private final ValueReviews values;
  private final ReadinessExceptions exceptions;
  private long projectedSeq = -1;
  /**
   * The view last written to the read model in this run, which the next delta is computed from. Held
   * in memory only: replay rebuilds it, and a new run (after continue-as-new) starts with a snapshot.
   */
  private InitiativeView projectedView;

  @WorkflowInit
  public InitiativeWorkflowImpl(LaunchInput launch, InitiativeState carried) {
    this(launch, carried, true);
  }

  /**
   * With {@code valueReviewsReleased} false the run behaves as the release before value reviews did
   * (no version markers, no reviews): how the upgrade test starts a workflow "before the deploy".
   */
  InitiativeWorkflowImpl(LaunchInput launch, InitiativeState carried, boolean valueReviewsReleased) {
    this.launch = launch;
    this.state = carried != null ? carried : launched(launch);
    Notifier notifier = new Notifier(state, systems);
    Tasks tasks = new Tasks(state, notifier);
    this.incidents = new Incidents(state, tasks, systems, new VendorWaits(state, notifier));
    this.tickets = new Tickets(state, systems, incidents);
    this.gates = new Gates(state, systems, notifier, tasks, tickets, incidents);
    this.records = new Records(state, systems, incidents);
    this.tasks = tasks;
    this.ledger = new ValueLedger(state);
    this.values = new ValueReviews(state, systems, tasks, records, ledger, valueReviewsReleased);
    this.exceptions = new ReadinessExceptions(state, tasks);
    this.production = new ProductionLife(state, gates, records, tickets, values, exceptions);
  }

  private static InitiativeState launched(LaunchInput launch) {
    InitiativeState state = new InitiativeState();
    Instant now = Gates.now();
    state.workflowId = Workflow.getInfo().getWorkflowId();
    state.request = launch.request();
    state.riskTier = launch.request().riskTier();
    state.launchedBy = launch.launchedBy();
    state.launchedAt = launch.acceptedAt() != null ? launch.acceptedAt() : now;
    state.historyLimit = launch.historyLimit() != null ? launch.historyLimit() : DEFAULT_HISTORY_LIMIT;
    state.progressed(now, "LAUNCHED", null, launch.launchedBy(), launch.request().name());
    return state;
  }

  @Override
  public Stage run(LaunchInput launch, InitiativeState carried) {
    tickets.chooseVersions();
    incidents.chooseVersion();
    systems.chooseProjection();
    systems.chooseVendorRetries();
    production.chooseVersion();
    gates.chooseVersion();
    tickets.chooseStatusReads();
    values.chooseVersion();
    gates.chooseAddedGatesVersion();
    records.chooseVersion();
    systems.chooseProjectionDeltas();
    Async.procedure(this::projectContinuously);
    values.start();
    exceptions.resume();
    if (state.policy == null) {
      state.policy = systems.policy.currentPolicy();
      state.changed(Gates.now(), "POLICY_APPLIED", null, null, "lifecycle policy " + state.policy.version());
    }
    if (!state.intakeAccepted) {
      runIntake();
    }
    if (!state.ended() && !state.inProduction) {
      gates.runPending();
      if (!state.ended()) {
        production.goLive();
      }
    }
    if (!state.ended() && production.liveUntilEndOrHandOver()) {
      continueAsNew();
    }
    finish();
    return state.stage;
  }

  private void runIntake() {
    while (!state.ended()) {
      IntakeVerdict verdict = systems.intake.validateIntake(state.request, state.policy);
      if (verdict.prohibited()) {
        state.stage = Stage.REJECTED;
        state.outcomeReason = verdict.refusalReason();
        state.progressed(Gates.now(), "REFUSED_AT_INTAKE", null, null, verdict.refusalReason());
        return;
      }
      if (verdict.complete()) {
        if (state.rejectedAsProhibited()) {
          // reclassified PROHIBITED while intake was being checked: there is no tier to accept it into
          return;
        }
        state.intakeAccepted = true;
        state.alignGatesWithTier();
        state.progressed(Gates.now(), "INTAKE_ACCEPTED", null, null, "risk tier " + state.riskTier);
        records.upsertCrm();
        return;
      }
      int round = (int) state.tasks.stream().filter(t -> t.kind == TaskKind.INTAKE_COMPLETION).count() + 1;
      TaskState task = tasks.open(TaskKind.INTAKE_COMPLETION, null, round, state.policy.intakeGroup(), List.of(),
          state.policy.intakeSla());
      task.missingItems = new java.util.ArrayList<>(verdict.missingItems());
      state.progressed(Gates.now(), "INTAKE_INCOMPLETE", null, null, String.join("; ", verdict.missingItems()));
      Workflow.await(() -> !task.open() || state.ended());
      if (task.open()) {
        tasks.cancel(task, "the initiative ended");
      }
    }
  }

  private void continueAsNew() {
    tickets.drain();
    records.awaitCrmInStep();
    state.changed(Gates.now(), "CONTINUED_AS_NEW", null, null, "history length " + Workflow.getInfo().getHistoryLength());
    Workflow.await(() -> projectedSeq >= state.seq && Workflow.isEveryHandlerFinished());
    Workflow.continueAsNew(launch, state);
  }

  private void finish() {
    if (state.endRequested != null && !state.stage.isTerminal()) {
      state.stage = state.endRequested;
      state.outcomeReason = state.endReason;
    }
    state.openTasks().forEach(t -> tasks.cancel(t, "the initiative is " + state.stage));
    state.gates.values().stream().filter(GateState::active).forEach(g -> g.status = GateStatus.CANCELLED);
    state.progressed(Gates.now(), state.stage.name(), null, state.endActor, state.outcomeReason);
    String ticketStatus = state.stage == Stage.RETIRED ? "DONE" : "CANCELLED";
    state.gates.values().forEach(g -> tickets.close(g, ticketStatus, state.request.key() + " is " + state.stage));
    tickets.drain();
    if (!state.crmRecords.isEmpty()) {
      records.upsertCrm();
    }
    records.awaitCrmInStep();
    Workflow.await(() -> projectedSeq >= state.seq && Workflow.isEveryHandlerFinished());
  }

  /**
   * Writes every change to the read model, newest state first, never the same sequence twice: the run's
   * first projection as a snapshot, then what changed since the previous one (from
   * {@link Integrations#PROJECTION_DELTA}), or a snapshot again when the read model cannot apply it.
   */
  private void projectContinuously() {
    while (true) {
      Workflow.await(() -> state.seq > projectedSeq);
      long seq = state.seq;
      InitiativeView view = state.view();
      List<TimelineEntry> newTimeline = List.copyOf(state.pendingTimeline);
      Optional<InitiativeDelta> delta = systems.projectsDeltas() && projectedView != null
          ? InitiativeDelta.between(projectedSeq, projectedView, seq, view, newTimeline)
          : Optional.empty();
      if (delta.isEmpty() || !appliedDelta(delta.get())) {
        systems.projection().project(new InitiativeSnapshot(seq, view, newTimeline));
      }
      newTimeline.stream().mapToLong(TimelineEntry::seq).max().ifPresent(state::takeTimelineUpTo);
      values.project();
      projectedView = view;
      projectedSeq = seq;
    }
  }

  /** False when the read model has nothing to apply the delta to (see {@link InitiativeDelta}). */
  private boolean appliedDelta(InitiativeDelta delta) {
    try {
      systems.projection().projectDelta(delta);
      return true;
    } catch (ActivityFailure failure) {
      if (failure.getCause() instanceof ApplicationFailure cause && InitiativeDelta.GAP.equals(cause.getType())) {
        return false;
      }
      throw failure;
    }
  }

  private <T> T onceProjected(Supplier<T> result) {
    long target = state.seq;
    Workflow.await(() -> projectedSeq >= target);
    return result.get();
  }

  @Override
  public TaskView claim(ClaimCommand command) {
    TaskState task = state.task(command.taskId()).orElseThrow();
    task.assignee = command.release() ? null : command.actor().username();
    state.changed(Gates.now(), command.release() ? "TASK_UNCLAIMED" : "TASK_CLAIMED", task.gate, command.actor().username(), task.id);
    return onceProjected(() -> task.view(state.request.key()));
  }

  @Override
  public void validateClaim(ClaimCommand command) {
    TaskRules.checkClaim(state, command);
  }

  @Override
  public String claimRefusal(ClaimCommand command) {
    try {
      TaskRules.checkClaim(state, command);
      return null;
    } catch (Refusal refusal) {
      return refusal.getMessage();
    }
  }

  @Override
  public TaskView complete(CompleteCommand command) {
    TaskState task = state.task(command.taskId()).orElseThrow();
    new Decisions(state).apply(task, command);
    return onceProjected(() -> task.view(state.request.key()));
  }

  @Override
  public void validateComplete(CompleteCommand command) {
    TaskRules.checkComplete(state, command);
  }

  @Override
  public InitiativeView attachEvidence(EvidenceCommand command) {
    new Decisions(state).attach(command.evidence(), command.gate(), command.actor().username());
    return onceProjected(state::view);
  }

  @Override
  public void validateAttachEvidence(EvidenceCommand command) {
    TaskRules.checkEvidenceCommand(state, command);
  }

  @Override
  public InitiativeView reclassify(ReclassifyCommand command) {
    RiskTier from = state.riskTier;
    state.riskTier = command.riskTier();
    String user = command.actor().username();
    if (command.riskTier() == RiskTier.PROHIBITED) {
      // the gates, production life and intake wind down on their own: they see the end and no tier policy
      state.end(Stage.REJECTED, "reclassified PROHIBITED by " + user + ": " + command.reason()
          + (state.policy == null ? "" : ". " + state.policy.prohibitedReason()));
    } else if (state.intakeAccepted) {
      state.alignGatesWithTier();
      if (state.inProduction && !state.tierPolicy().recertifies()) {
        state.nextRecertificationAt = null;
      }
    }
    state.progressed(Gates.now(), "RECLASSIFIED", null, user, from + " -> " + command.riskTier() + ": " + command.reason());
    return onceProjected(state::view);
  }

  @Override
  public void validateReclassify(ReclassifyCommand command) {
    TaskRules.checkReclassify(state, command);
  }

  @Override
  public KpiActual recordKpiActual(KpiActualCommand command) {
    KpiActual actual = ledger.record(command, command.actor().username());
    values.figureRecorded();
    return onceProjected(() -> actual);
  }

  @Override
  public void validateKpiActual(KpiActualCommand command) {
    ValueRules.checkKpiActual(state, command);
  }

  @Override
  public CostActual recordCostActual(CostActualCommand command) {
    CostActual cost = ledger.record(command);
    values.figureRecorded();
    return onceProjected(() -> cost);
  }

  @Override
  public void validateCostActual(CostActualCommand command) {
    ValueRules.checkCostActual(state, command);
  }

  @Override
  public ReadinessException requestReadinessException(ReadinessExceptionCommand command) {
    ReadinessException requested = exceptions.request(command);
    return onceProjected(() -> requested);
  }

  @Override
  public void validateReadinessException(ReadinessExceptionCommand command) {
    ValueRules.checkReadinessException(state, command);
  }

  @Override
  public void withdraw(EndCommand command) {
    requestEnd(Stage.WITHDRAWN, command, !state.ended());
  }

  @Override
  public void retire(EndCommand command) {
    requestEnd(Stage.RETIRED, command, !state.ended() && state.inProduction);
  }

  private void requestEnd(Stage end, EndCommand command, boolean applies) {
    String user = command.actor() == null ? null : command.actor().username();
    if (!applies) {
      state.changed(Gates.now(), end + "_IGNORED", null, user, "initiative is " + state.stage);
      return;
    }
    state.requestEnd(end, command.reason(), user);
  }

  @Override
  public void productionEvent(ProductionEvent event) {
    if (event.eventId() != null && !state.seenEventIds.add(event.eventId())) {
      return;
    }
    if (state.seenEventIds.size() > REMEMBERED_EVENT_IDS) {
      state.seenEventIds.remove(state.seenEventIds.iterator().next());
    }
    boolean applies = state.inProduction && !state.ended();
    if (applies) {
      state.pendingEvents.add(event);
    }
    state.changed(Gates.now(), applies ? "PRODUCTION_EVENT" : "PRODUCTION_EVENT_IGNORED", null, event.source(),
        event.type() + (event.detail() == null ? "" : ": " + event.detail()));
  }

  @Override
  public void ticketEvent(TicketEvent event) {
    if (!event.resolved()) {
      return;
    }
    List<GateState> matching = state.gates.values().stream()
        .filter(g -> g.ticket != null && g.ticket.id().equals(event.ticketId()))
        .toList();
    matching.stream().filter(g -> !g.ticketResolved).forEach(g -> {
      g.ticketResolved = true;
      state.changed(Gates.now(), "TICKET_RESOLVED", g.gate, event.actor(), event.ticketId() + " " + event.status());
    });
    if (matching.isEmpty() && tickets.remembersEarlyResolutions() && state.resolvedTicketIds.add(event.ticketId())) {
      state.changed(Gates.now(), "TICKET_RESOLVED", null, event.actor(), event.ticketId() + " " + event.status()
          + " (before the workflow heard back from opening it)");
    }
  }

  @Override
  public InitiativeView view() {
    return state.view();
  }
}

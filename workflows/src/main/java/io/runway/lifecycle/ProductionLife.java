package io.runway.lifecycle;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.ProductionEvent;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.Stage;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Life after go-live: production events re-open the gates the policy names, recertification comes
 * round every period, and the run hands over to a new one when its history grows long.
 */
final class ProductionLife {

  /**
   * From version 1 the stage moves to IN_PRODUCTION only once the model is promoted and the CRM record
   * updated (or engineering skipped one, explicitly): never ahead of the systems of record.
   */
  static final String GO_LIVE_AFTER_SIDE_EFFECTS = "go-live-after-side-effects";

  private boolean afterSideEffects;
  private final InitiativeState state;
  private final Gates gates;
  private final Records records;
  private final Tickets tickets;
  private final ValueReviews values;
  private final ReadinessExceptions exceptions;

  ProductionLife(InitiativeState state, Gates gates, Records records, Tickets tickets, ValueReviews values,
      ReadinessExceptions exceptions) {
    this.state = state;
    this.gates = gates;
    this.records = records;
    this.tickets = tickets;
    this.values = values;
    this.exceptions = exceptions;
  }

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}). */
  void chooseVersion() {
    afterSideEffects = Workflow.getVersion(GO_LIVE_AFTER_SIDE_EFFECTS, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  void goLive() {
    if (!afterSideEffects) {
      goLiveBeforeSideEffects();
      return;
    }
    String version = state.modelVersion();
    state.changed(Gates.now(), "GOING_LIVE", null, null, "promoting model " + state.request.effectiveModelName() + " version "
        + version + " and moving the CRM record to " + Stage.IN_PRODUCTION + " before going live");
    Integrations.Attempt<Void> promoted = records.promote(version);
    if (state.ended()) {
      return;
    }
    Integrations.Attempt<String> recorded = records.upsertCrm(Stage.IN_PRODUCTION, true);
    if (state.ended()) {
      return;
    }
    // here both succeeded, or engineering decided to go on without one (INTEGRATION_SKIPPED, with its justification)
    state.inProduction = true;
    state.modelVersion = version;
    state.progressed(Gates.now(), "WENT_LIVE", null, null, "model " + state.request.effectiveModelName() + " version " + version
        + " in production" + (promoted.succeeded() ? "" : "; promotion skipped") + (recorded.succeeded() ? "" : "; CRM update skipped"));
    state.gates.values().forEach(g -> tickets.close(g, "DONE", state.request.key() + " is in production"));
    scheduleRecertification();
    values.wentLive();
  }

  /** Before {@link #GO_LIVE_AFTER_SIDE_EFFECTS}: the stage moved first, whatever the registry and the CRM then said. */
  private void goLiveBeforeSideEffects() {
    state.inProduction = true;
    state.modelVersion = state.modelVersion();
    state.progressed(Gates.now(), "WENT_LIVE", null, null,
        "model " + state.request.effectiveModelName() + " version " + state.modelVersion + " in production");
    records.promote(state.modelVersion);
    records.upsertCrm();
    state.gates.values().forEach(g -> tickets.close(g, "DONE", state.request.key() + " is in production"));
    scheduleRecertification();
    values.wentLive();
  }

  /** Lives in production until the initiative ends (false) or its history should continue in a new run (true). */
  boolean liveUntilEndOrHandOver() {
    while (!state.ended()) {
      if (gates.hasPending()) {
        gates.runPending();
        promoteCandidate();
        continue;
      }
      scheduleRecertification();
      Supplier<Boolean> woken = () -> state.ended() || !state.pendingEvents.isEmpty() || gates.hasPending() || historyIsLong();
      if (state.nextRecertificationAt == null) {
        Workflow.await(woken::get);
      } else {
        Duration untilRecertification = Duration.between(Gates.now(), state.nextRecertificationAt);
        Workflow.await(untilRecertification.isNegative() ? Duration.ZERO : untilRecertification, woken::get);
      }
      if (state.ended()) {
        return false;
      }
      if (!state.pendingEvents.isEmpty()) {
        reopenFor(state.pendingEvents.remove(0));
      } else if (state.nextRecertificationAt != null && !Gates.now().isBefore(state.nextRecertificationAt)) {
        gates.run(Gate.RECERTIFICATION);
        state.nextRecertificationAt = null;
      } else if (!gates.hasPending() && historyIsLong()) {
        return true;
      }
    }
    return false;
  }

  private void reopenFor(ProductionEvent event) {
    List<Gate> affected = state.policy.gatesReopenedBy(event.type()).stream()
        .filter(g -> state.tierPolicy().gate(g).isPresent())
        .toList();
    if (event.type() == ProductionEventType.NEW_MODEL_VERSION && event.modelVersion() != null) {
      state.candidateModelVersion = event.modelVersion();
    }
    affected.forEach(g -> state.gate(g).status = GateStatus.PENDING);
    state.progressed(Gates.now(), "GATES_REOPENED", null, event.source(),
        event.type() + (event.detail() == null ? "" : " (" + event.detail() + ")") + ": re-opening " + affected);
  }

  private void promoteCandidate() {
    if (state.ended() || state.candidateModelVersion == null) {
      return;
    }
    state.modelVersion = state.candidateModelVersion;
    state.candidateModelVersion = null;
    state.progressed(Gates.now(), "MODEL_VERSION_PROMOTED", null, null, "version " + state.modelVersion + " in production");
    records.promote(state.modelVersion);
  }

  private void scheduleRecertification() {
    if (!state.tierPolicy().recertifies()) {
      state.nextRecertificationAt = null;
    } else if (state.nextRecertificationAt == null) {
      state.nextRecertificationAt = Gates.now().plus(state.tierPolicy().recertificationPeriod());
      state.changed(Gates.now(), "RECERTIFICATION_SCHEDULED", Gate.RECERTIFICATION, null, "due " + state.nextRecertificationAt);
    }
  }

  /** Long enough to hand over, and no value review or exception decision in the way of handing over. */
  private boolean historyIsLong() {
    if (!values.idle() || !exceptions.idle()) {
      return false;
    }
    var info = Workflow.getInfo();
    return info.isContinueAsNewSuggested() || info.getHistoryLength() > state.historyLimit
        || info.getHistorySize() > InitiativeWorkflowImpl.HISTORY_BYTES_LIMIT;
  }
}

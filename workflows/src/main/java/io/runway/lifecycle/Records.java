package io.runway.lifecycle;

import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.activity.PromotionRequest;
import io.runway.lifecycle.model.Gate;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.time.Instant;
import java.util.Comparator;
import java.util.stream.Collectors;

/**
 * Keeps the CRM record and the model registry in step with the initiative. From version 1 of
 * {@link #CRM_FOLLOWS_GATES} the CRM record also follows every gate transition: a coroutine beside
 * the lifecycle upserts the whole record (stage and gate status) once per state it has not sent yet,
 * one upsert at a time, so the last one sent is always the newest.
 */
final class Records {

  static final String CRM_FOLLOWS_GATES = "crm-follows-every-gate-transition";

  private final InitiativeState state;
  private final Integrations systems;
  private final Incidents incidents;
  private final WorkflowLock crmWrites = Workflow.newWorkflowLock();
  private boolean followsGates;
  /** The record the CRM was last sent, taken before the call. */
  private CrmRecord sent;

  Records(InitiativeState state, Integrations systems, Incidents incidents) {
    this.state = state;
    this.systems = systems;
    this.incidents = incidents;
  }

  /** Read once, first thing in the run (see {@link Tickets#chooseVersions}); starts the CRM follower. */
  void chooseVersion() {
    followsGates = Workflow.getVersion(CRM_FOLLOWS_GATES, Workflow.DEFAULT_VERSION, 1) == 1;
    if (followsGates) {
      Async.procedure(this::followGates);
    }
  }

  /** Points the registry's {@code production} alias at {@code version}, tagged with who approved going live. */
  void promote(String version) {
    GateState decision = state.gates.getOrDefault(Gate.GO_LIVE_DECISION, state.gates.get(Gate.OPERATIONS_HANDOVER));
    String approvers = decision == null ? state.launchedBy : String.join(",", decision.decidedBy);
    String key = state.request.key();
    PromotionRequest request = new PromotionRequest(key + "/promote/" + version, state.request.effectiveModelName(), version,
        "production", approvers, Gates.now().toString(), key);
    incidents.call("promoting version " + version, null, () -> systems.mlops.promote(request));
  }

  /** Sends the current state to the CRM; from version 1, unless it was sent already (by the follower). */
  void upsertCrm() {
    if (!followsGates) {
      upsertCrmNow();
      return;
    }
    crmWrites.lock();
    try {
      if (!record().equals(sent)) {
        upsertCrmNow();
      }
    } finally {
      crmWrites.unlock();
    }
  }

  /** Waits until the CRM has been sent the current state, so a run never ends with the record behind. */
  void awaitCrmInStep() {
    if (followsGates) {
      Workflow.await(() -> !crmWrites.isHeld() && (!state.intakeAccepted || record().equals(sent)));
    }
  }

  private void followGates() {
    while (true) {
      Workflow.await(() -> state.intakeAccepted && !record().equals(sent));
      upsertCrm();
    }
  }

  private void upsertCrmNow() {
    if (state.inProduction && state.wentLiveAt == null) {
      state.wentLiveAt = Gates.now();
    }
    CrmRecord record = record();
    // taken before the call: a change while it runs differs from it and is sent next
    sent = record;
    var upserted = incidents.call("updating the CRM record", null, () -> systems.crm.upsertInitiative(record));
    if (upserted.succeeded() && !state.crmRecords.contains(upserted.value())) {
      state.crmRecords.add(upserted.value());
      state.changed(Gates.now(), "CRM_RECORD_UPSERTED", null, null, upserted.value());
    }
  }

  /**
   * The record as the CRM should show it now: stage, tier, go-live date, gate status and, in
   * production, the latest value figures. A record that differs from the last one sent is a change to send.
   */
  private CrmRecord record() {
    var r = state.request;
    var value = state.value;
    Instant live = state.wentLiveAt != null ? state.wentLiveAt : Gates.now();
    return new CrmRecord(r.key(), r.name(), r.businessUnit(), state.stage, state.riskTier, r.owners(), r.sponsor(),
        state.inProduction ? live.toString().substring(0, 10) : null, new ValueLedger(state).latestAttainment(),
        value.latestDecision == null ? null : value.latestDecision.decision().name(), gateStatus());
  }

  /** Each gate and its status, in the order the gates run. */
  private String gateStatus() {
    return state.gates.values().stream()
        .sorted(Comparator.comparingInt((GateState g) -> phaseOf(g.gate)).thenComparing(g -> g.gate))
        .map(g -> g.gate + " " + g.status)
        .collect(Collectors.joining(", "));
  }

  /** Never throws: a tier the policy has no gates for (PROHIBITED) falls back to the lifecycle's order. */
  private int phaseOf(Gate gate) {
    if (state.policy == null || state.riskTier == null || !state.policy.tiers().containsKey(state.riskTier)) {
      return gate.ordinal();
    }
    return state.tierPolicy().gate(gate).map(p -> p.phase()).orElse(Integer.MAX_VALUE);
  }
}

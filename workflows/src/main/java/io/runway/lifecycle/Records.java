package io.runway.lifecycle;

import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.activity.PromotionRequest;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.Stage;
import io.temporal.workflow.Async;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLock;
import java.util.Comparator;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Keeps the CRM record and the model registry in step with the initiative. From version 1 of
 * {@link #CRM_FOLLOWS_GATES} the CRM record also follows every gate transition: a coroutine beside
 * the lifecycle upserts the whole record (stage, gate status, value figures) whenever it differs from
 * the one last sent, one upsert at a time, so the last one sent is always the newest.
 */
final class Records {

  static final String CRM_FOLLOWS_GATES = "crm-follows-every-gate-transition";

  private final InitiativeState state;
  private final Integrations systems;
  private final Incidents incidents;
  private final WorkflowLock crmWrites = Workflow.newWorkflowLock();
  private boolean followsGates;
  /** The record the CRM was last sent, taken before the call, and how that call ended. */
  private CrmRecord sent;
  private Integrations.Attempt<String> sentOutcome;
  /**
   * Going live, the CRM is told IN_PRODUCTION before the initiative moves there: until it has, the
   * follower sends that, not the stage being left (which would step the CRM record back).
   */
  private Stage movingTo;
  private boolean movingLive;

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
  Integrations.Attempt<Void> promote(String version) {
    GateState decision = state.gates.getOrDefault(Gate.GO_LIVE_DECISION, state.gates.get(Gate.OPERATIONS_HANDOVER));
    String approvers = decision == null ? state.launchedBy : String.join(",", decision.decidedBy);
    String key = state.request.key();
    PromotionRequest request = new PromotionRequest(key + "/promote/" + version, state.request.effectiveModelName(), version,
        "production", approvers, Gates.now().toString(), key);
    return incidents.call("promoting version " + version, null, () -> systems.mlops.promote(request));
  }

  /** Sends the initiative as it stands; from version 1, unless the CRM has it already. */
  void upsertCrm() {
    if (!followsGates) {
      upsertCrmNow(record(state.stage, state.inProduction));
      return;
    }
    sendUnlessSent(this::current);
  }

  /**
   * The CRM record at {@code stage}; going live, that is IN_PRODUCTION before the initiative itself
   * moves there. From version 1 of {@link #CRM_FOLLOWS_GATES}, one write at a time, and a record the
   * follower already sent is not sent again (the answer is that send's).
   */
  Integrations.Attempt<String> upsertCrm(Stage stage, boolean live) {
    if (!followsGates) {
      return upsertCrmNow(record(stage, live));
    }
    if (stage != state.stage || live != state.inProduction) {
      movingTo = stage;
      movingLive = live;
    }
    return sendUnlessSent(() -> record(stage, live));
  }

  /** One write at a time: the record wanted once the lock is held, unless it is the one last sent. */
  private Integrations.Attempt<String> sendUnlessSent(Supplier<CrmRecord> wanted) {
    crmWrites.lock();
    try {
      CrmRecord record = wanted.get();
      return record.equals(sent) && sentOutcome != null ? sentOutcome : upsertCrmNow(record);
    } finally {
      crmWrites.unlock();
    }
  }

  /** Waits until the CRM has been sent the current state, so a run never ends with the record behind. */
  void awaitCrmInStep() {
    if (followsGates) {
      Workflow.await(() -> !crmWrites.isHeld() && (!state.intakeAccepted || current().equals(sent)));
    }
  }

  private void followGates() {
    while (true) {
      Workflow.await(() -> state.intakeAccepted && !current().equals(sent));
      sendUnlessSent(this::current);
    }
  }

  private Integrations.Attempt<String> upsertCrmNow(CrmRecord record) {
    // taken before the call: a change while it runs differs from it and is sent next
    sent = record;
    var upserted = incidents.call("updating the CRM record", null, () -> systems.crm.upsertInitiative(record));
    sentOutcome = upserted;
    if (upserted.succeeded() && !state.crmRecords.contains(upserted.value())) {
      state.crmRecords.add(upserted.value());
      state.changed(Gates.now(), "CRM_RECORD_UPSERTED", null, null, upserted.value());
    }
    return upserted;
  }

  private CrmRecord current() {
    return arrived() ? record(state.stage, state.inProduction) : record(movingTo, movingLive);
  }

  /** Whether the initiative has reached the stage the CRM was told it is moving into (or has ended). */
  private boolean arrived() {
    return movingTo == null || state.ended() || (movingLive ? state.inProduction : state.stage == movingTo);
  }

  /** Stage, tier, go-live date, gate status and the latest value figures: what the CRM shows of the initiative. */
  private CrmRecord record(Stage stage, boolean live) {
    var r = state.request;
    var value = state.value;
    return new CrmRecord(r.key(), r.name(), r.businessUnit(), stage, state.riskTier, r.owners(), r.sponsor(),
        live ? goLiveDate() : null, new ValueLedger(state).latestAttainment(),
        value.latestDecision == null ? null : value.latestDecision.decision().name(), gateStatus());
  }

  /** The day it went live, not the day of a later update (a value decision, a new model version). */
  private String goLiveDate() {
    var wentLive = state.value.wentLiveAt != null ? state.value.wentLiveAt : Gates.now();
    return wentLive.toString().substring(0, 10);
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

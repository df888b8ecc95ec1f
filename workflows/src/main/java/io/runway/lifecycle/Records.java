package io.runway.lifecycle;

import io.runway.lifecycle.activity.CrmRecord;
import io.runway.lifecycle.activity.PromotionRequest;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.Stage;

/** Keeps the CRM record and the model registry in step with the initiative. */
final class Records {

  private final InitiativeState state;
  private final Integrations systems;
  private final Incidents incidents;

  Records(InitiativeState state, Integrations systems, Incidents incidents) {
    this.state = state;
    this.systems = systems;
    this.incidents = incidents;
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

  void upsertCrm() {
    upsertCrm(state.stage, state.inProduction);
  }

  /** The CRM record at {@code stage}; going live, that is IN_PRODUCTION before the initiative itself moves there. */
  Integrations.Attempt<String> upsertCrm(Stage stage, boolean live) {
    var r = state.request;
    var value = state.value;
    CrmRecord record = new CrmRecord(r.key(), r.name(), r.businessUnit(), stage, state.riskTier, r.owners(), r.sponsor(),
        live ? goLiveDate() : null, new ValueLedger(state).latestAttainment(),
        value.latestDecision == null ? null : value.latestDecision.decision().name());
    var upserted = incidents.call("updating the CRM record", null, () -> systems.crm.upsertInitiative(record));
    if (upserted.succeeded() && !state.crmRecords.contains(upserted.value())) {
      state.crmRecords.add(upserted.value());
      state.changed(Gates.now(), "CRM_RECORD_UPSERTED", null, null, upserted.value());
    }
    return upserted;
  }

  /** The day it went live, not the day of a later update (a value decision, a new model version). */
  private String goLiveDate() {
    var wentLive = state.value.wentLiveAt != null ? state.value.wentLiveAt : Gates.now();
    return wentLive.toString().substring(0, 10);
  }
}

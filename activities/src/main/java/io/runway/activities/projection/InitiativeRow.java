package io.runway.activities.projection;

import io.runway.activities.json.RunwayJson;
import io.runway.lifecycle.model.InitiativeRequest;
import io.runway.lifecycle.model.InitiativeSnapshot;
import io.runway.lifecycle.model.InitiativeView;
import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import org.springframework.jdbc.core.JdbcTemplate;

/** The initiative row: written only when the snapshot is newer than what the row holds. */
final class InitiativeRow {

  /*
   * The seq check lives in the upsert's WHERE instead of a separate select-for-update: the first
   * snapshot of a workflow has no row to lock, and two first snapshots racing would both insert.
   * The upsert locks the existing row (or waits on a concurrent insert of it) and re-checks the
   * seq under that lock, so the check and the write are one atomic step in one round trip.
   */
  private static final String UPSERT_IF_NEWER = """
      insert into initiative (key, workflow_id, name, business_unit, risk_tier, stage, policy_version,
          owner_business, owner_technical, owner_operations, sponsor, launched_by, launched_at,
          last_progress_at, model_name, model_version, outcome_reason, last_seq, updated_at, view)
      values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now(), ?::jsonb)
      on conflict (key) do update set
          workflow_id = excluded.workflow_id, name = excluded.name, business_unit = excluded.business_unit,
          risk_tier = excluded.risk_tier, stage = excluded.stage, policy_version = excluded.policy_version,
          owner_business = excluded.owner_business, owner_technical = excluded.owner_technical,
          owner_operations = excluded.owner_operations, sponsor = excluded.sponsor,
          launched_by = excluded.launched_by, launched_at = excluded.launched_at,
          last_progress_at = excluded.last_progress_at, model_name = excluded.model_name,
          model_version = excluded.model_version, outcome_reason = excluded.outcome_reason,
          last_seq = excluded.last_seq, updated_at = now(), view = excluded.view
      where initiative.last_seq < excluded.last_seq""";

  private static final String LOCK = "select workflow_id, last_seq, view::text from initiative where key = ? for update";

  private InitiativeRow() {}

  /** The stored view a delta applies to, and the seq it was written at. */
  record Stored(String workflowId, long lastSeq, InitiativeView view) {}

  /**
   * Locks the initiative's row and reads its view, or returns null when there is no row: the row lock
   * serializes this workflow's writes until the transaction ends, as the snapshot's upsert does.
   */
  static Stored lock(JdbcTemplate jdbc, String key) {
    return jdbc.query(LOCK, rs -> {
      if (!rs.next()) {
        return null;
      }
      try {
        return new Stored(rs.getString(1), rs.getLong(2),
            RunwayJson.mapper().readValue(rs.getString(3), InitiativeView.class));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("the stored view of " + key + " cannot be read", e);
      }
    }, key);
  }

  /** Returns whether the snapshot was applied; false means the row already holds this seq or a later one. */
  static boolean upsertIfNewer(JdbcTemplate jdbc, InitiativeSnapshot snapshot) {
    InitiativeView view = snapshot.view();
    InitiativeRequest request = view.request();
    Owners owners = request == null || request.owners() == null ? new Owners(null, null, null) : request.owners();
    int written = jdbc.update(UPSERT_IF_NEWER, ps -> new Binder(ps)
        .text(view.key())
        .text(view.workflowId())
        .text(request == null ? null : request.name())
        .text(request == null ? null : request.businessUnit())
        .name(riskTier(view))
        .name(view.stage())
        .text(view.policyVersion())
        .text(owners.business())
        .text(owners.technical())
        .text(owners.operations())
        .text(request == null ? null : request.sponsor())
        .text(view.launchedBy())
        .instant(view.launchedAt())
        .instant(view.lastProgressAt())
        .text(request == null ? null : request.effectiveModelName())
        .text(view.modelVersion() != null || request == null ? view.modelVersion() : request.modelVersion())
        .text(view.outcomeReason())
        .bigint(snapshot.seq())
        .json(view));
    return written > 0;
  }

  /** The tier in force; an initiative still in intake may have none yet. */
  static RiskTier riskTier(InitiativeView view) {
    if (view.riskTier() != null) {
      return view.riskTier();
    }
    return view.request() == null ? null : view.request().riskTier();
  }
}

package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;

/**
 * The initiative as the CRM keeps it; upserted by {@code externalId} (the initiative key). In
 * production it also carries the latest KPI attainment (percent, averaged over the KPIs that have
 * one) and the latest value-review decision. {@code gateStatus} reads like
 * {@code SECURITY_REVIEW APPROVED, LEGAL_REVIEW OPEN, DATA_READINESS PENDING}, the gates in the order
 * they run, so an account team sees where the initiative stands.
 */
public record CrmRecord(
    String externalId,
    String name,
    String businessUnit,
    Stage stage,
    RiskTier riskTier,
    Owners owners,
    String sponsor,
    String goLiveDate,
    Double latestAttainment,
    String latestValueDecision,
    String gateStatus) {

  public CrmRecord(String externalId, String name, String businessUnit, Stage stage, RiskTier riskTier, Owners owners,
      String sponsor, String goLiveDate) {
    this(externalId, name, businessUnit, stage, riskTier, owners, sponsor, goLiveDate, null, null, null);
  }
}

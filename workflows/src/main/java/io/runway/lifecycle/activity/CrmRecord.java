package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;

/**
 * The initiative as the CRM keeps it; upserted by {@code externalId} (the initiative key).
 * {@code gateStatus} reads like {@code SECURITY_REVIEW APPROVED, LEGAL_REVIEW OPEN, DATA_READINESS PENDING},
 * the gates in the order they run, so an account team sees where the initiative stands.
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
    String gateStatus) {}

package io.runway.lifecycle.activity;

import io.runway.lifecycle.model.Owners;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;

/** The initiative as the CRM keeps it; upserted by {@code externalId} (the initiative key). */
public record CrmRecord(
    String externalId,
    String name,
    String businessUnit,
    Stage stage,
    RiskTier riskTier,
    Owners owners,
    String sponsor,
    String goLiveDate) {}

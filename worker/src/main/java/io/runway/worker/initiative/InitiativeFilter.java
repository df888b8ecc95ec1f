package io.runway.worker.initiative;

import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;

/** Portfolio filters; null means "any". {@code stalledDays} applies only when {@code stalled} is true. */
record InitiativeFilter(
    Stage stage, RiskTier riskTier, String owner, String businessUnit, boolean stalled, int stalledDays) {}

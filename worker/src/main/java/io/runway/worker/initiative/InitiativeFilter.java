package io.runway.worker.initiative;

import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.model.Stage;
import java.util.Set;

/**
 * Portfolio filters; null means "any". {@code stalledDays} applies only when {@code stalled} is true.
 * {@code ownedBy}: the names of one person (user name, e-mail, as {@code Actor#identities} gives them):
 * initiatives with an owner who is that person, for "mine".
 */
record InitiativeFilter(
    Stage stage, RiskTier riskTier, String owner, String businessUnit, boolean stalled, int stalledDays,
    Set<String> ownedBy) {}

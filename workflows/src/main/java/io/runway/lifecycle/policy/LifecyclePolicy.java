package io.runway.lifecycle.policy;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The versioned lifecycle policy (policy-as-code, YAML in ui-config/). The workflow records the
 * version it ran under on the initiative. Intake-completion tasks go to {@code intakeGroup};
 * findings tasks go to the initiative's owners and to {@code findingsGroup}, which acts for them.
 */
public record LifecyclePolicy(
    String version,
    String prohibitedReason,
    Map<RiskTier, TierPolicy> tiers,
    EscalationPolicy escalation,
    Map<ProductionEventType, List<Gate>> reopenOn,
    String intakeGroup,
    Duration intakeSla,
    String findingsGroup,
    Duration findingsSla,
    Duration incidentSla) {

  /** How long engineering has to act on an integration incident; a day unless the policy says otherwise. */
  public Duration incidentSlaOrDefault() {
    return incidentSla != null ? incidentSla : Duration.ofDays(1);
  }

  public TierPolicy tier(RiskTier tier) {
    TierPolicy policy = tiers.get(tier);
    if (policy == null) {
      throw new IllegalArgumentException("lifecycle policy " + version + " defines no gates for risk tier " + tier);
    }
    return policy;
  }

  public List<Gate> gatesReopenedBy(ProductionEventType type) {
    return reopenOn.getOrDefault(type, List.of());
  }
}

package io.runway.lifecycle;

import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.ProductionEventType;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.policy.EscalationPolicy;
import io.runway.lifecycle.policy.GatePolicy;
import io.runway.lifecycle.policy.LifecyclePolicy;
import io.runway.lifecycle.policy.MetricBound;
import io.runway.lifecycle.policy.TierPolicy;
import io.runway.lifecycle.policy.ValueReviewPolicy;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A lifecycle policy shaped like the shipped YAML, small enough to reason about in tests. */
final class TestPolicy {

  static final Duration SECURITY_SLA = Duration.ofDays(10);
  /** First review 30 days after go-live, then every 90; early after 3 missed months or 2 months over 1.2 x budget. */
  static final ValueReviewPolicy VALUE_REVIEW = new ValueReviewPolicy("program-office", Duration.ofDays(14), Duration.ofDays(30),
      Duration.ofDays(90), 3, 1.2, 2);

  private TestPolicy() {}

  static LifecyclePolicy policy() {
    return new LifecyclePolicy("test-1", "prohibited under EU AI Act Article 5",
        Map.of(RiskTier.MINIMAL, minimal(), RiskTier.LIMITED, limited(), RiskTier.HIGH, high()),
        new EscalationPolicy(0.8, Duration.ofDays(2), "governance-board"),
        Map.of(ProductionEventType.DRIFT_ALERT, List.of(Gate.HITL_VALIDATION),
            ProductionEventType.INCIDENT, List.of(Gate.SECURITY_REVIEW, Gate.OPERATIONS_HANDOVER),
            ProductionEventType.NEW_MODEL_VERSION, List.of(Gate.SECURITY_REVIEW, Gate.HITL_VALIDATION)),
        "program-office", Duration.ofDays(3), "program-office", Duration.ofDays(5), Duration.ofDays(1));
  }

  private static TierPolicy minimal() {
    return new TierPolicy(List.of(
        gate(Gate.SECURITY_REVIEW, 1, "security", "threat-model"),
        gate(Gate.DATA_READINESS, 2, "data-engineering", "data-quality-report"),
        gate(Gate.INTEGRATION, 3, "engineering", "integration-test-report"),
        gate(Gate.HITL_VALIDATION, 4, "business-validation", "validation-report"),
        gate(Gate.OPERATIONS_HANDOVER, 6, "operations", "runbook")), null, null, VALUE_REVIEW);
  }

  private static TierPolicy limited() {
    return new TierPolicy(List.of(
        gate(Gate.SECURITY_REVIEW, 1, "security", "threat-model"),
        gate(Gate.LEGAL_REVIEW, 1, "legal", "legal-assessment"),
        new GatePolicy(Gate.DATA_READINESS, 2, "data-engineering", Duration.ofDays(7), List.of("data-quality-report"), 1, false,
            List.of("data_quality_score"), List.of(new MetricBound("data_quality_score", 0.95, null))),
        new GatePolicy(Gate.INTEGRATION, 3, "engineering", Duration.ofDays(7), List.of("integration-test-report"), 1, true, List.of()),
        gate(Gate.HITL_VALIDATION, 4, "business-validation", "validation-report"),
        gate(Gate.OPERATIONS_HANDOVER, 6, "operations", "runbook")), null, null, VALUE_REVIEW);
  }

  private static TierPolicy high() {
    List<GatePolicy> gates = new java.util.ArrayList<>(limited().gates());
    gates.add(new GatePolicy(Gate.GO_LIVE_DECISION, 5, "governance-board", Duration.ofDays(5), List.of("go-live-memo"), 2, false,
        List.of()));
    return new TierPolicy(gates, Duration.ofDays(90),
        new GatePolicy(Gate.RECERTIFICATION, 99, "governance-board", Duration.ofDays(14), List.of("recertification-report"), 1,
            false, List.of()), VALUE_REVIEW);
  }

  private static GatePolicy gate(Gate gate, int phase, String group, String evidence) {
    Duration sla = gate == Gate.SECURITY_REVIEW ? SECURITY_SLA : Duration.ofDays(7);
    return new GatePolicy(gate, phase, group, sla, List.of(evidence), 1, false, List.of());
  }
}

package io.runway.activities.policy;

import com.fasterxml.jackson.databind.JsonNode;
import io.runway.lifecycle.model.Gate;
import io.runway.lifecycle.model.RiskTier;
import io.runway.lifecycle.policy.EscalationPolicy;
import io.runway.lifecycle.policy.GatePolicy;
import io.runway.lifecycle.policy.LifecyclePolicy;
import io.runway.lifecycle.policy.MetricBound;
import io.runway.lifecycle.policy.TierPolicy;
import io.runway.lifecycle.policy.ValueReviewPolicy;
import java.util.HashSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The rules a policy must meet before any workflow runs under it. Problems are collected, not
 * thrown one by one, so whoever edits the YAML sees everything wrong in one go.
 */
final class PolicyValidator {

  private final List<String> problems = new ArrayList<>();

  private PolicyValidator() {}

  /**
   * Checks the YAML tree before it becomes records: {@link GatePolicy} raises a requiredApprovals
   * below 1 to 1, which would silently turn a typo into a one-person approval.
   */
  static List<String> treeProblems(JsonNode root) {
    PolicyValidator v = new PolicyValidator();
    root.path("tiers").properties().forEach(tier -> {
      JsonNode gates = tier.getValue().path("gates");
      for (int i = 0; i < gates.size(); i++) {
        v.approvals("tiers." + tier.getKey() + ".gates[" + i + "]", gates.get(i));
      }
      v.approvals("tiers." + tier.getKey() + ".recertification", tier.getValue().path("recertification"));
    });
    return v.problems;
  }

  static List<String> problems(LifecyclePolicy policy) {
    PolicyValidator v = new PolicyValidator();
    v.check(policy);
    return v.problems;
  }

  private void approvals(String path, JsonNode gate) {
    JsonNode approvals = gate.path("requiredApprovals");
    if (!approvals.isMissingNode() && !approvals.isNull() && (!approvals.canConvertToInt() || approvals.asInt() < 1)) {
      problems.add(path + ".requiredApprovals: must be at least 1, was " + approvals.asText());
    }
  }

  private void check(LifecyclePolicy policy) {
    require(policy.version(), "version", "a policy version is required; every initiative records the one it ran under");
    require(policy.prohibitedReason(), "prohibitedReason", "the reason prohibited initiatives are refused is required");
    require(policy.intakeGroup(), "intakeGroup", "the group that completes intake is required");
    positive(policy.intakeSla(), "intakeSla");
    require(policy.findingsGroup(), "findingsGroup", "the group that acts on findings for owners is required");
    positive(policy.findingsSla(), "findingsSla");
    escalation(policy.escalation());
    Set<Gate> gatesInUse = tiers(policy.tiers());
    reopenOn(policy.reopenOn(), gatesInUse);
  }

  private void escalation(EscalationPolicy escalation) {
    if (escalation == null) {
      problems.add("escalation: reminderAt, secondEscalationAfter and boardGroup are required");
      return;
    }
    if (!(escalation.reminderAt() > 0 && escalation.reminderAt() < 1)) {
      problems.add("escalation.reminderAt: must be a fraction of the SLA between 0 and 1, was " + escalation.reminderAt());
    }
    positive(escalation.secondEscalationAfter(), "escalation.secondEscalationAfter");
    require(escalation.boardGroup(), "escalation.boardGroup", "the group that hears second escalations is required");
  }

  private Set<Gate> tiers(Map<RiskTier, TierPolicy> tiers) {
    Set<Gate> inUse = EnumSet.noneOf(Gate.class);
    Map<RiskTier, TierPolicy> defined = tiers == null ? Map.of() : tiers;
    for (RiskTier tier : RiskTier.values()) {
      TierPolicy policy = defined.get(tier);
      String path = "tiers." + tier;
      if (tier == RiskTier.PROHIBITED) {
        if (policy != null && !policy.gates().isEmpty()) {
          problems.add(path + ": prohibited initiatives are refused at intake, so this tier must define no gates");
        }
      } else if (policy == null || policy.gates().isEmpty()) {
        problems.add(path + ": every tier but PROHIBITED needs at least one gate");
      } else {
        tier(path, policy, inUse);
      }
    }
    return inUse;
  }

  private void tier(String path, TierPolicy policy, Set<Gate> inUse) {
    Set<Gate> seen = EnumSet.noneOf(Gate.class);
    for (int i = 0; i < policy.gates().size(); i++) {
      GatePolicy gate = policy.gates().get(i);
      String gatePath = path + ".gates[" + i + "]";
      if (gate == null || gate.gate() == null) {
        problems.add(gatePath + ".gate: the gate's name is required");
        continue;
      }
      if (gate.gate() == Gate.RECERTIFICATION) {
        problems.add(gatePath + ": RECERTIFICATION is not a lifecycle gate; declare it under recertification");
      } else if (!seen.add(gate.gate())) {
        problems.add(gatePath + ": " + gate.gate() + " appears twice in this tier");
      }
      inUse.add(gate.gate());
      gate(gatePath + " (" + gate.gate() + ")", gate);
    }
    recertification(path, policy);
    valueReview(path + ".valueReview", policy.valueReview());
  }

  /** Optional per tier; when present every key but candidateGroup (program-office by default) is required. */
  private void valueReview(String path, ValueReviewPolicy review) {
    if (review == null) {
      return;
    }
    positive(review.sla(), path + ".sla");
    positive(review.firstAfter(), path + ".firstAfter");
    positive(review.every(), path + ".every");
    if (review.earlyReviewAfterMissedPeriods() < 1) {
      problems.add(path + ".earlyReviewAfterMissedPeriods: must be 1 or more months, was " + review.earlyReviewAfterMissedPeriods());
    }
    if (review.earlyReviewAfterOverrunPeriods() < 1) {
      problems.add(path + ".earlyReviewAfterOverrunPeriods: must be 1 or more months, was " + review.earlyReviewAfterOverrunPeriods());
    }
    if (!(review.costOverrunRatio() >= 1.0)) {
      problems.add(path + ".costOverrunRatio: must be 1.0 or more (1.2 = 20 % over the monthly budget), was " + review.costOverrunRatio());
    }
  }

  private void thresholds(String path, GatePolicy gate) {
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < gate.thresholds().size(); i++) {
      MetricBound bound = gate.thresholds().get(i);
      String at = path + ".thresholds[" + i + "]";
      if (bound == null || bound.name() == null || bound.name().isBlank()) {
        problems.add(at + ".name: the metric's name is required");
        continue;
      }
      if (!gate.metrics().contains(bound.name())) {
        problems.add(at + ": " + bound.name() + " is not among the gate's metrics " + gate.metrics() + ", so it would never be read");
      }
      if (!seen.add(bound.name())) {
        problems.add(at + ": " + bound.name() + " has two bounds; give min and max in one entry");
      }
      if (bound.min() == null && bound.max() == null) {
        problems.add(at + ": " + bound.name() + " needs min, max or both");
      } else if (bound.min() != null && bound.max() != null && bound.min() > bound.max()) {
        problems.add(at + ": min " + bound.min() + " is above max " + bound.max());
      }
    }
  }

  private void recertification(String path, TierPolicy policy) {
    if (policy.recertificationPeriod() == null && policy.recertification() == null) {
      return;
    }
    if (policy.recertificationPeriod() == null || policy.recertification() == null) {
      problems.add(path + ": recertificationPeriod and recertification go together; set both or neither");
      return;
    }
    positive(policy.recertificationPeriod(), path + ".recertificationPeriod");
    if (policy.recertification().gate() != Gate.RECERTIFICATION) {
      problems.add(path + ".recertification.gate: must be RECERTIFICATION, was " + policy.recertification().gate());
    }
    gate(path + ".recertification", policy.recertification());
  }

  private void gate(String path, GatePolicy gate) {
    if (gate.phase() < 1) {
      problems.add(path + ".phase: must be 1 or more, was " + gate.phase());
    }
    require(gate.candidateGroup(), path + ".candidateGroup", "the group that reviews this gate is required");
    positive(gate.sla(), path + ".sla");
    thresholds(path, gate);
  }

  private void reopenOn(Map<?, List<Gate>> reopenOn, Set<Gate> inUse) {
    if (reopenOn == null) {
      return;
    }
    reopenOn.forEach((event, gates) -> {
      List<Gate> listed = gates == null ? List.of() : gates;
      for (int i = 0; i < listed.size(); i++) {
        if (listed.get(i) == null || !inUse.contains(listed.get(i))) {
          problems.add("reopenOn." + event + "[" + i + "]: " + listed.get(i) + " is not a gate of any tier");
        }
      }
    });
  }

  private void require(String value, String path, String why) {
    if (value == null || value.isBlank()) {
      problems.add(path + ": " + why);
    }
  }

  private void positive(Duration duration, String path) {
    if (duration == null || duration.isNegative() || duration.isZero()) {
      problems.add(path + ": must be a positive ISO-8601 duration such as P5D, was " + duration);
    }
  }
}

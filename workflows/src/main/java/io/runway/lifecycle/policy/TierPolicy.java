package io.runway.lifecycle.policy;

import io.runway.lifecycle.model.Gate;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The gates of one risk tier, its recertification in production (none when the period is null), and
 * its value reviews in production (none when {@code valueReview} is null).
 */
public record TierPolicy(
    List<GatePolicy> gates, Duration recertificationPeriod, GatePolicy recertification, ValueReviewPolicy valueReview) {

  public TierPolicy {
    gates = gates == null ? List.of() : List.copyOf(gates);
  }

  /** A tier without value reviews, as policies were written before them. */
  public TierPolicy(List<GatePolicy> gates, Duration recertificationPeriod, GatePolicy recertification) {
    this(gates, recertificationPeriod, recertification, null);
  }

  public Optional<GatePolicy> gate(Gate gate) {
    if (gate == Gate.RECERTIFICATION) {
      return Optional.ofNullable(recertification);
    }
    return gates.stream().filter(g -> g.gate() == gate).findFirst();
  }

  public boolean recertifies() {
    return recertificationPeriod != null && recertification != null;
  }
}

package io.runway.activities.projection;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.runway.lifecycle.model.GateStatus;
import io.runway.lifecycle.model.GateView;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Time in gate as {@code runway_gate_duration_seconds{gate, team, outcome}}, taken from the read model's
 * view of a decision. Reviews last minutes to weeks, so the buckets are spelled out: Micrometer's
 * default timer buckets stop at 30 s.
 */
final class GateDurations {

  private static final Set<GateStatus> DECIDED = EnumSet.of(GateStatus.APPROVED, GateStatus.REJECTED);

  private static final Duration[] BUCKETS = {
      Duration.ofMinutes(1), Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(4), Duration.ofHours(8),
      Duration.ofDays(1), Duration.ofDays(2), Duration.ofDays(3), Duration.ofDays(5), Duration.ofDays(7),
      Duration.ofDays(10), Duration.ofDays(14), Duration.ofDays(30)};

  private final MeterRegistry registry;

  GateDurations(MeterRegistry registry) {
    this.registry = registry;
  }

  /** Whether {@code now} records a decision {@code before} (the stored row, null if none) did not show. */
  static boolean newlyDecided(GateView now, StoredGate before) {
    if (!DECIDED.contains(now.status()) || now.openedAt() == null || now.decidedAt() == null) {
      return false;
    }
    return before == null || !before.status().equals(now.status().name()) || !Objects.equals(before.decidedAt(), now.decidedAt());
  }

  void record(GateView gate) {
    Duration inGate = Duration.between(gate.openedAt(), gate.decidedAt());
    Timer.builder("runway.gate.duration").description("Time from a gate opening to its decision")
        .tag("gate", gate.gate().name())
        .tag("team", gate.candidateGroup() == null ? "none" : gate.candidateGroup())
        .tag("outcome", gate.status().name())
        .serviceLevelObjectives(BUCKETS)
        .register(registry)
        .record(inGate.isNegative() ? Duration.ZERO : inGate);
  }

  /** A gate row as the read model held it before this snapshot. */
  record StoredGate(String status, Instant decidedAt) {}
}

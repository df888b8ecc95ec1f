package io.runway.worker.portfolio;

import io.runway.lifecycle.Lifecycle;
import java.time.Instant;

/**
 * An initiative without progress since {@code lastProgressAt}; {@code holder} is the person to chase:
 * the task's assignee if claimed, else the initiative's business owner (or its sponsor).
 */
public record StalledInitiative(
    String key,
    String name,
    String businessUnit,
    String riskTier,
    String gate,
    String team,
    String holder,
    Instant lastProgressAt,
    long daysWithoutProgress) {

  /** Sample data of the demo seed (shown as {@code "sample": true}), never a real initiative. */
  public boolean isSample() {
    return Lifecycle.isSample(key);
  }
}

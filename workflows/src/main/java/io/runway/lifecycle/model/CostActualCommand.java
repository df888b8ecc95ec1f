package io.runway.lifecycle.model;

import java.math.BigDecimal;
import java.util.Map;

/** Records one month's run cost in the budget's currency; the same period again corrects it. */
public record CostActualCommand(
    Actor actor, String period, BigDecimal amount, String currency, Map<String, BigDecimal> breakdown, String note) {

  public CostActualCommand {
    breakdown = breakdown == null ? Map.of() : Map.copyOf(breakdown);
  }
}

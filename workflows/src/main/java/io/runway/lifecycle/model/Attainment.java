package io.runway.lifecycle.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * How far a KPI's value has come from its baseline toward its target, the one rule the workflow, the
 * API and the console share. 0 % at the baseline, 100 % at the target, linear in between and beyond:
 * a value past the target is over 100 %, one worse than the baseline below 0 %. The direction comes
 * from baseline and target (a target above the baseline means higher is better). A KPI whose baseline
 * equals its target (or lacks either) has no direction: its attainment is undefined (null), it is at
 * target only when the value equals the target, and it never counts as missed.
 */
public final class Attainment {

  public enum Direction { UP, DOWN, NONE }

  private Attainment() {}

  public static Direction direction(Kpi kpi) {
    if (kpi.baseline() == null || kpi.target() == null) {
      return Direction.NONE;
    }
    int order = Double.compare(kpi.target(), kpi.baseline());
    return order > 0 ? Direction.UP : order < 0 ? Direction.DOWN : Direction.NONE;
  }

  /** Percent with one decimal, rounded half up; null when the KPI has no direction. */
  public static Double percent(Kpi kpi, double value) {
    if (direction(kpi) == Direction.NONE) {
      return null;
    }
    // decimal arithmetic: 0.1-step values must land on 100.0, not 99.99999999
    BigDecimal baseline = BigDecimal.valueOf(kpi.baseline());
    BigDecimal span = BigDecimal.valueOf(kpi.target()).subtract(baseline);
    return BigDecimal.valueOf(value).subtract(baseline).multiply(BigDecimal.valueOf(100))
        .divide(span, 1, RoundingMode.HALF_UP).doubleValue();
  }

  /** At or beyond the target in the KPI's direction (compared on the values, never on rounded percents). */
  public static boolean meetsTarget(Kpi kpi, double value) {
    return switch (direction(kpi)) {
      case UP -> value >= kpi.target();
      case DOWN -> value <= kpi.target();
      case NONE -> kpi.target() != null && value == kpi.target();
    };
  }

  /** Short of the target in a KPI that has a direction: what an early review counts. */
  public static boolean misses(Kpi kpi, double value) {
    return direction(kpi) != Direction.NONE && !meetsTarget(kpi, value);
  }

  /** Whether {@code later} is better (1), worse (-1) or the same (0) as {@code earlier} in the KPI's direction. */
  public static int movement(Kpi kpi, double earlier, double later) {
    int order = Double.compare(later, earlier);
    return switch (direction(kpi)) {
      case UP -> Integer.signum(order);
      case DOWN -> -Integer.signum(order);
      case NONE -> 0;
    };
  }
}

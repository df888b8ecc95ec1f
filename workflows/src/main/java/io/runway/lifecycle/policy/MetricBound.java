package io.runway.lifecycle.policy;

import java.util.Locale;

/**
 * A bound a gate's metric must meet before the gate may be approved: at least {@code min}, at most
 * {@code max}, or both. A missing metric fails its bound.
 */
public record MetricBound(String name, Double min, Double max) {

  public boolean passes(Double value) {
    return value != null && !value.isNaN() && (min == null || value >= min) && (max == null || value <= max);
  }

  /** The bound as people read it: {@code >= 0.95}, {@code <= 24}, {@code 0.1..0.2}. */
  public String describe() {
    if (min != null && max != null) {
      return "between " + number(min) + " and " + number(max);
    }
    return min != null ? "at least " + number(min) : "at most " + number(max);
  }

  /** Why {@code value} fails, for a refusal; null when it passes. */
  public String failure(Double value) {
    if (passes(value)) {
      return null;
    }
    return name + (value == null ? " is missing" : " is " + number(value)) + " (must be " + describe() + ")";
  }

  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15 ? String.format(Locale.ROOT, "%.0f", value)
        : String.valueOf(value);
  }
}

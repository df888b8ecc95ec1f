package io.runway.worker.web;

import java.math.BigDecimal;

/**
 * What numbers Runway accepts from outside, from a JSON body ({@link StrictJson}) or a console form:
 * measurements are finite (NaN and infinity are no KPI value, and PostgreSQL's JSON has neither), and
 * amounts have at most {@link #MAX_DIGITS} digits before and after the point ({@code 1e999999999} is
 * valid JSON that no column holds and whose plain text is a billion digits long).
 */
public final class Numbers {

  public static final int MAX_DIGITS = 18;
  static final String NOT_FINITE = "must be a finite number";

  private Numbers() {}

  /** Why {@code value} cannot be accepted as a measurement, or null. */
  public static String problemWith(double value) {
    return Double.isFinite(value) ? null : NOT_FINITE;
  }

  /** Why {@code value} cannot be accepted as an amount, or null. */
  public static String problemWith(BigDecimal value) {
    long integerDigits = (long) value.precision() - value.scale();
    return integerDigits > MAX_DIGITS || value.scale() > MAX_DIGITS
        ? "must have at most " + MAX_DIGITS + " digits before and after the decimal point" : null;
  }

  /** {@code text} as a finite double; a {@link NumberFormatException} saying why otherwise. */
  public static double finite(String text) {
    double value = Double.parseDouble(text.trim());
    if (problemWith(value) != null) {
      throw new NumberFormatException(NOT_FINITE);
    }
    return value;
  }

  /** {@code text} as an amount within {@link #MAX_DIGITS}; a {@link NumberFormatException} saying why otherwise. */
  public static BigDecimal amount(String text) {
    BigDecimal value = new BigDecimal(text.trim());
    String problem = problemWith(value);
    if (problem != null) {
      throw new NumberFormatException(problem);
    }
    return value;
  }
}

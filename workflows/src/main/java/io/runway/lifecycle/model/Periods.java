package io.runway.lifecycle.model;

import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/** Value is measured per calendar month, written {@code YYYY-MM} and taken in UTC. */
public final class Periods {

  private static final Pattern PERIOD = Pattern.compile("\\d{4}-(0[1-9]|1[0-2])");

  private Periods() {}

  /** The month, or null when {@code text} is not {@code YYYY-MM}. */
  public static YearMonth parse(String text) {
    return text != null && PERIOD.matcher(text).matches() ? YearMonth.parse(text) : null;
  }

  public static YearMonth of(Instant at) {
    return YearMonth.from(at.atZone(ZoneOffset.UTC));
  }

  public static Instant start(YearMonth month) {
    return month.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  public static Instant end(YearMonth month) {
    return start(month.plusMonths(1));
  }
}

package io.runway.worker.web;

/**
 * Day counts in filters ("stalled for N days", "due within N days"): whole days from a minimum up to
 * {@link #MAX_DAYS}, so that "now minus N days" stays a date PostgreSQL can hold.
 */
public final class DayCounts {

  /** Ten years: further than any SLA or stall Runway measures. */
  public static final int MAX_DAYS = 3650;

  private DayCounts() {}

  /** {@code days}, checked to lie between {@code min} and {@link #MAX_DAYS}; 422 naming {@code field} otherwise. */
  public static int of(String field, int days, int min) {
    if (days < min || days > MAX_DAYS) {
      throw ApiProblem.invalid(field, "must be a whole number of days from " + min + " to " + MAX_DAYS);
    }
    return days;
  }
}

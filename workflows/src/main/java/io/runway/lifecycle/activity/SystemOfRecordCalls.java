package io.runway.lifecycle.activity;

import java.time.Duration;

/**
 * The time limits and the retry schedule of calls to systems of record (ticketing, CRM, MLOps), in
 * one place: the workflow builds its activity options and its waits from them, and the adapters clamp
 * a vendor's Retry-After into the same bounds, so neither side can wait past what the other expects.
 */
public final class SystemOfRecordCalls {

  /** One attempt of one activity; every vendor call inside it has a total deadline well inside this. */
  public static final Duration START_TO_CLOSE = Duration.ofSeconds(60);
  /** An attempt that stops heartbeating (its worker died or lost Temporal) is given up this soon. */
  public static final Duration HEARTBEAT = Duration.ofSeconds(20);
  /** The backoff floor: the first retry waits this long, and no Retry-After is honoured below it. */
  public static final Duration FIRST_RETRY = Duration.ofSeconds(2);
  public static final double BACKOFF_COEFFICIENT = 2.0;
  /** The backoff cap: no wait between two attempts is longer, whatever a vendor's Retry-After says. */
  public static final Duration LONGEST_RETRY = Duration.ofMinutes(10);
  /** Attempts before an integration incident opens for engineering. */
  public static final int ATTEMPTS = 12;

  private SystemOfRecordCalls() {}

  /** A vendor's wish (Retry-After) within [{@link #FIRST_RETRY}, {@link #LONGEST_RETRY}]. */
  public static Duration clamp(Duration wished) {
    if (wished == null || wished.compareTo(FIRST_RETRY) < 0) {
      return FIRST_RETRY;
    }
    return wished.compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : wished;
  }

  /** The wait after the {@code failedAttempts}-th failure: 2 s doubling up to 10 min. */
  public static Duration backoff(int failedAttempts) {
    double millis = FIRST_RETRY.toMillis() * Math.pow(BACKOFF_COEFFICIENT, Math.max(0, failedAttempts - 1));
    return millis >= LONGEST_RETRY.toMillis() ? LONGEST_RETRY : Duration.ofMillis((long) millis);
  }
}

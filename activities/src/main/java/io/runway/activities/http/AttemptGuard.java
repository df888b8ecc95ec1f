package io.runway.activities.http;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.activity.ActivityInfo;
import io.temporal.client.ActivityCompletionException;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;

/**
 * What the running activity attempt may still do. Temporal gives an attempt up when its start-to-close
 * (or heartbeat) timeout passes, or cancels it, and then starts the next attempt, possibly on another
 * worker, while this one's code would still run: {@link #checkpoint} heartbeats (which throws
 * {@link ActivityCompletionException} once Temporal has cancelled the attempt or no longer knows it)
 * and refuses to go on when the attempt's time is as good as up, so an abandoned attempt stops before
 * its next call rather than writing behind the back of its successor.
 *
 * <p>Outside an activity (a test or a tool calling an adapter directly) nothing is ever stopped.
 */
public final class AttemptGuard {

  /** A call is not started with less time than this left: it could not finish before the attempt's timeout. */
  static final Duration LEAST_FOR_A_CALL = Duration.ofMillis(500);
  /** How often a wait heartbeats: well inside the shortest heartbeat timeout anyone would set. */
  private static final Duration SLICE = Duration.ofMillis(500);

  private static final AttemptGuard UNGUARDED = new AttemptGuard(null, Long.MAX_VALUE);

  private final ActivityExecutionContext activity;
  /** System.nanoTime() at which the attempt must have stopped calling vendors. */
  private final long deadlineNanos;

  private AttemptGuard(ActivityExecutionContext activity, long deadlineNanos) {
    this.activity = activity;
    this.deadlineNanos = deadlineNanos;
  }

  /** The guard of the activity attempt running on this thread, or one that never stops outside an activity. */
  public static AttemptGuard current() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException | IllegalArgumentException notInAnActivity) {
      return UNGUARDED;
    }
    return new AttemptGuard(context, System.nanoTime() + budget(context.getInfo()).toNanos());
  }

  /**
   * The time the attempt has left, minus a margin for clock skew between this worker and Temporal: a
   * tenth of the timeout, at least a second. Measured from the attempt's start as Temporal recorded it.
   */
  static Duration budget(ActivityInfo info) {
    Duration timeout = info.getStartToCloseTimeout();
    long startedMillis = info.getStartedTimestamp();
    if (timeout == null || timeout.isZero()) {
      timeout = info.getScheduleToCloseTimeout();
      startedMillis = info.getScheduledTimestamp();
    }
    if (timeout == null || timeout.isZero()) {
      return Duration.ofDays(1);
    }
    Duration margin = timeout.dividedBy(10).compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : timeout.dividedBy(10);
    long elapsed = Math.max(0, System.currentTimeMillis() - startedMillis);
    return timeout.minus(margin).minusMillis(elapsed);
  }

  boolean guardsAnAttempt() {
    return activity != null;
  }

  /** Time left before this attempt must have stopped calling vendors. */
  public Duration remaining() {
    return activity == null ? Duration.ofDays(1) : Duration.ofNanos(Math.max(0, deadlineNanos - System.nanoTime()));
  }

  /**
   * Before a vendor call or a write: heartbeats {@code what}, and refuses (retryably) when the attempt
   * has too little time left to finish the call; the next attempt starts fresh. Throws
   * {@link ActivityCompletionException} when Temporal cancelled or abandoned the attempt.
   */
  public void checkpoint(String system, String what) {
    if (activity == null) {
      return;
    }
    activity.heartbeat(what);
    if (remaining().compareTo(LEAST_FOR_A_CALL) < 0) {
      throw ApplicationFailure.newBuilder()
          .setMessage(system + " " + what + " was not started: this attempt's time is up (start-to-close "
              + activity.getInfo().getStartToCloseTimeout().toSeconds() + " s); the next attempt starts afresh")
          .setType(VendorFailures.typeName(system) + "Unavailable").build();
    }
  }

  /** Heartbeats without the time check: while waiting on something already bounded by {@link #remaining()}. */
  void heartbeat(String what) {
    if (activity != null) {
      activity.heartbeat(what);
    }
  }

  /**
   * Waits {@code wait} (a vendor's lag, another attempt's lease), heartbeating all along, so that a
   * cancellation or a timeout ends the wait instead of a write after it.
   */
  public void pause(String system, String what, Duration wait) {
    long until = System.nanoTime() + wait.toNanos();
    while (true) {
      long left = until - System.nanoTime();
      if (left <= 0) {
        return;
      }
      heartbeat(what);
      if (activity != null && remaining().toNanos() < left) {
        throw ApplicationFailure.newBuilder()
            .setMessage(system + ": " + what + " needs " + Duration.ofNanos(left).toSeconds() + " s more than this attempt has left;"
                + " the next attempt waits again")
            .setType(VendorFailures.typeName(system) + "Unavailable").build();
      }
      try {
        Thread.sleep(Math.min(SLICE.toMillis(), Math.max(1, left / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw ApplicationFailure.newFailure(system + ": interrupted while " + what, VendorFailures.typeName(system) + "Unavailable");
      }
    }
  }
}

package io.runway.lifecycle;

import io.runway.lifecycle.activity.SystemOfRecordCalls;
import io.runway.lifecycle.model.Gate;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;

/**
 * A call to a system of record, retried by the workflow from {@link Integrations#VENDOR_WAITS} on:
 * each failed attempt puts "waiting on Jira: ..., attempt n of 12 failed (...); next at t" on the
 * timeline and waits on a durable timer (the vendor's Retry-After, held to the backoff's floor and
 * cap, or the backoff), so a long outage shows on the initiative instead of nothing for half an hour.
 * Once the call has failed for {@link #NOTIFY_AFTER}, engineering is notified, once per call. A final
 * refusal, the last attempt or the initiative's end returns the failure to the caller
 * ({@link Incidents}), which opens the integration incident as before.
 */
final class VendorWaits {

  /** How long a system of record may keep failing one call before engineering hears of it. */
  static final Duration NOTIFY_AFTER = Duration.ofMinutes(5);
  static final String WAITING = "WAITING_ON_VENDOR";
  static final String ANSWERED = "VENDOR_ANSWERED";
  static final String NOTIFICATION_KIND = "VENDOR_FAILING";
  private static final Logger log = Workflow.getLogger(VendorWaits.class);
  /** Failure types are the vendor's name and the kind of failure ({@code JiraThrottled}): the name is what is left. */
  private static final String KINDS = "(Throttled|Unavailable|Malformed|TooLarge|Rejected|Redirected)$";

  private final InitiativeState state;
  private final Notifier notifier;

  VendorWaits(InitiativeState state, Notifier notifier) {
    this.state = state;
    this.notifier = notifier;
  }

  <T> Integrations.Attempt<T> call(String what, Gate gate, Supplier<T> call) {
    Instant firstFailure = null;
    boolean notified = false;
    for (int attempt = 1; ; attempt++) {
      try {
        T value = call.get();
        if (attempt > 1) {
          state.changed(Gates.now(), ANSWERED, gate, null, what + " went through on attempt " + attempt);
        }
        return new Integrations.Attempt<>(value, null);
      } catch (ActivityFailure failure) {
        Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
        boolean retryable = !(cause instanceof ApplicationFailure refusal && refusal.isNonRetryable());
        if (!retryable || attempt >= SystemOfRecordCalls.ATTEMPTS || state.ended()) {
          log.warn("{} failed on attempt {}: {}", what, attempt, message(cause));
          return new Integrations.Attempt<>(null, what + " failed: " + message(cause));
        }
        Instant now = Gates.now();
        firstFailure = firstFailure == null ? now : firstFailure;
        Duration wait = wait(attempt, cause);
        String vendor = vendorOf(cause);
        state.changed(now, WAITING, gate, null, "waiting on " + vendor + ": " + what + ", attempt " + attempt + " of "
            + SystemOfRecordCalls.ATTEMPTS + " failed (" + message(cause) + "); next at " + now.plus(wait));
        if (!notified && Duration.between(firstFailure, now).compareTo(NOTIFY_AFTER) >= 0) {
          notified = true;
          notifyEngineering(what, gate, vendor, attempt, firstFailure, message(cause));
        }
        Workflow.await(wait, state::ended);
      }
    }
  }

  /** The vendor's Retry-After when it sent one (already held to the backoff's bounds by the adapter, and again here), else the backoff. */
  static Duration wait(int failedAttempts, Throwable cause) {
    if (cause instanceof ApplicationFailure failure && failure.getNextRetryDelay() != null) {
      return SystemOfRecordCalls.clamp(failure.getNextRetryDelay());
    }
    return SystemOfRecordCalls.backoff(failedAttempts);
  }

  static String vendorOf(Throwable cause) {
    if (cause instanceof ApplicationFailure failure && failure.getType() != null) {
      String vendor = failure.getType().replaceAll(KINDS, "");
      if (!vendor.isBlank() && !vendor.equals(failure.getType())) {
        return vendor;
      }
    }
    return "the system of record";
  }

  private void notifyEngineering(String what, Gate gate, String vendor, int attempt, Instant since, String failure) {
    String key = state.request.key();
    notifier.sendAbout(key + "/" + NOTIFICATION_KIND + "/" + state.timelineSeq, NOTIFICATION_KIND, gate,
        List.of("group:" + Lifecycle.ENGINEERING),
        vendor + " has been failing for " + key + " since " + since,
        what + ": attempt " + attempt + " of " + SystemOfRecordCalls.ATTEMPTS + " failed (" + failure + "). Runway keeps retrying;"
            + " after the last attempt an integration-incident task opens for engineering.");
  }

  private static String message(Throwable cause) {
    return cause instanceof TemporalFailure failure ? failure.getOriginalMessage() : String.valueOf(cause.getMessage());
  }
}

package io.runway.activities.http;

import io.runway.lifecycle.activity.SystemOfRecordCalls;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The same failure rules for every vendor. 429 and 503 retry after the vendor's Retry-After (as
 * the next retry delay, clamped to the backoff's floor and cap), 408 and other 5xx retry with the
 * backoff, a redirect and every other 4xx are final, since sending the same request again cannot
 * succeed. An answer without the documented shape is retried: it says nothing about the record.
 *
 * <p>Messages name the system, the call and the vendor's own error text, cut to
 * {@link #MAX_VENDOR_TEXT} characters (the whole message to {@link #MAX_MESSAGE}), so a failure
 * always fits in Temporal and in a log line; never a credential. A failure's type is the system's
 * name followed by its kind ({@code JiraThrottled}, {@code ServiceNowMalformed}): the workflow names
 * the vendor it waits on from it.
 */
public final class VendorFailures {

  static final int MAX_VENDOR_TEXT = 500;
  static final int MAX_MESSAGE = 1_000;

  private VendorFailures() {}

  public static ApplicationFailure of(String system, String call, int status, HttpHeaders headers, String body, Clock clock) {
    String message = system + " " + call + " answered HTTP " + status + vendorText(body);
    String type = typeName(system);
    if (status == 429 || status == 503) {
      Duration delay = retryAfter(headers, clock).map(SystemOfRecordCalls::clamp).orElse(null);
      return ApplicationFailure.newBuilder()
          .setMessage(bounded(message + (delay == null ? "" : "; retrying after " + delay.toSeconds() + " s")))
          .setType(type + "Throttled").setNextRetryDelay(delay).build();
    }
    if (status == 408 || status >= 500) {
      return ApplicationFailure.newFailure(bounded(message), type + "Unavailable");
    }
    if (status / 100 == 3) {
      // followed, a redirect could carry the Authorization header to another host: name it instead
      String location = headers.firstValue("Location").map(VendorFailures::cut).orElse("(no Location header)");
      return ApplicationFailure.newNonRetryableFailure(bounded(system + " " + call + " answered HTTP " + status + " redirecting to "
          + location + "; Runway does not follow redirects: point its base URL at the address the vendor serves"), type + "Redirected");
    }
    return ApplicationFailure.newNonRetryableFailure(bounded(message), type + "Rejected");
  }

  /**
   * Whether a failed write certainly changed nothing at the vendor: it answered with a refusal (a 4xx,
   * a redirect) or asked to come back later (429, 503). A 500, 502 or 504, or no answer, may hide a write.
   */
  public static boolean madeNothing(ApplicationFailure failure) {
    String type = failure.getType() == null ? "" : failure.getType();
    return type.endsWith("Rejected") || type.endsWith("Throttled") || type.endsWith("Redirected");
  }

  /** No answer at all (connection refused, dropped, past the call's deadline): worth retrying with backoff. */
  public static ApplicationFailure unreachable(String system, String call, Throwable cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return ApplicationFailure.newFailure(bounded(system + " " + call + " got no answer: " + cut(why)), typeName(system) + "Unavailable");
  }

  /**
   * A 2xx answer that lacks what the vendor's API documents (not JSON, no {@code issues} list, a
   * create without the new record's key): retried, never read as "there is none" or "done".
   */
  public static ApplicationFailure malformed(String system, String call, String expected, String body) {
    return ApplicationFailure.newFailure(bounded(system + " " + call + " answered without " + expected
        + (body == null || body.isBlank() ? " (empty body)" : ": " + cut(body.replaceAll("\\s+", " ").trim()))), typeName(system) + "Malformed");
  }

  /** An answer longer than Runway reads: retried, in case the vendor sends a sane one next time. */
  public static ApplicationFailure tooLarge(String system, String call, int cap) {
    return ApplicationFailure.newFailure(system + " " + call + " answered more than " + cap / 1024
        + " KiB, the most Runway reads of one answer; the rest was not read", typeName(system) + "TooLarge");
  }

  /** Retry-After as seconds or as an HTTP date, never negative. */
  static Optional<Duration> retryAfter(HttpHeaders headers, Clock clock) {
    return headers.firstValue("Retry-After").map(String::trim).flatMap(value -> {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
      } catch (NumberFormatException notSeconds) {
        try {
          Duration until = Duration.between(clock.instant(), ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
          return Optional.of(until.isNegative() ? Duration.ZERO : until);
        } catch (DateTimeParseException notADate) {
          return Optional.empty();
        }
      }
    });
  }

  private static String vendorText(String body) {
    if (body == null || body.isBlank()) {
      return "";
    }
    return ": " + cut(body.replaceAll("\\s+", " ").trim());
  }

  /** A vendor's text as Runway quotes it: at most {@link #MAX_VENDOR_TEXT} characters. */
  static String cut(String text) {
    return text.length() > MAX_VENDOR_TEXT ? text.substring(0, MAX_VENDOR_TEXT) + "…" : text;
  }

  static String bounded(String message) {
    return message.length() > MAX_MESSAGE ? message.substring(0, MAX_MESSAGE) + "…" : message;
  }

  static String typeName(String system) {
    return system.replaceAll("[^A-Za-z]", "");
  }
}

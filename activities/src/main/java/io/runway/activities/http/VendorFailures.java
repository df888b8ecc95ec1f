package io.runway.activities.http;

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
 * the next retry delay), 408 and other 5xx retry with the activity's backoff, every other 4xx is
 * final, since sending the same request again cannot succeed. Messages name the system, the call
 * and the vendor's own error text, and never a credential.
 */
public final class VendorFailures {

  private static final int MAX_VENDOR_TEXT = 500;

  private VendorFailures() {}

  public static ApplicationFailure of(String system, String call, int status, HttpHeaders headers, String body, Clock clock) {
    String message = system + " " + call + " answered HTTP " + status + vendorText(body);
    String type = typeName(system);
    if (status == 429 || status == 503) {
      Duration delay = retryAfter(headers, clock).orElse(null);
      return ApplicationFailure.newBuilder().setMessage(message + (delay == null ? "" : "; retrying after " + delay.toSeconds() + " s"))
          .setType(type + "Throttled").setNextRetryDelay(delay).build();
    }
    if (status == 408 || status >= 500) {
      return ApplicationFailure.newFailure(message, type + "Unavailable");
    }
    return ApplicationFailure.newNonRetryableFailure(message, type + "Rejected");
  }

  /** No answer at all (connection refused, timeout): worth retrying with backoff. */
  public static ApplicationFailure unreachable(String system, String call, Exception cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return ApplicationFailure.newFailure(system + " " + call + " got no answer: " + why, typeName(system) + "Unavailable");
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
    String flat = body.replaceAll("\\s+", " ").trim();
    return ": " + (flat.length() > MAX_VENDOR_TEXT ? flat.substring(0, MAX_VENDOR_TEXT) + "…" : flat);
  }

  private static String typeName(String system) {
    return system.replaceAll("[^A-Za-z]", "");
  }
}

package io.runway.lifecycle;

import io.temporal.failure.ApplicationFailure;

/**
 * Why a command was refused. Validators throw these; the API maps the type to an HTTP status
 * (FORBIDDEN 403, NOT_FOUND 404, CONFLICT 409, INVALID 422) and shows the message as it is.
 */
public final class Refusal {

  public static final String FORBIDDEN = "Forbidden";
  public static final String NOT_FOUND = "NotFound";
  public static final String CONFLICT = "Conflict";
  public static final String INVALID = "Invalid";

  private Refusal() {}

  public static ApplicationFailure forbidden(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, FORBIDDEN);
  }

  public static ApplicationFailure notFound(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, NOT_FOUND);
  }

  public static ApplicationFailure conflict(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, CONFLICT);
  }

  public static ApplicationFailure invalid(String message) {
    return ApplicationFailure.newNonRetryableFailure(message, INVALID);
  }
}

package io.runway.lifecycle;

/**
 * Why a command was refused. Validators throw these; the client sees an {@code ApplicationFailure}
 * whose type is the subclass name, which the API maps to an HTTP status (Forbidden 403, NotFound 404,
 * Conflict 409, Invalid 422) with the message as it is. Plain runtime exceptions rather than
 * {@code ApplicationFailure}: the SDK re-wraps a failure thrown from a validator and loses its type.
 */
public abstract class Refusal extends RuntimeException {

  public static final String FORBIDDEN = Forbidden.class.getName();
  public static final String NOT_FOUND = NotFound.class.getName();
  public static final String CONFLICT = Conflict.class.getName();
  public static final String INVALID = Invalid.class.getName();

  private Refusal(String message) {
    super(message, null, false, false);
  }

  public static Refusal forbidden(String message) {
    return new Forbidden(message);
  }

  public static Refusal notFound(String message) {
    return new NotFound(message);
  }

  public static Refusal conflict(String message) {
    return new Conflict(message);
  }

  public static Refusal invalid(String message) {
    return new Invalid(message);
  }

  /** The actor may not do this, whatever the state. */
  public static final class Forbidden extends Refusal {
    Forbidden(String message) {
      super(message);
    }
  }

  /** No such task on this initiative. */
  public static final class NotFound extends Refusal {
    NotFound(String message) {
      super(message);
    }
  }

  /** The state does not allow it now (task closed, claimed by someone else, initiative ended). */
  public static final class Conflict extends Refusal {
    Conflict(String message) {
      super(message);
    }
  }

  /** The command's content is wrong (missing evidence, missing reason, wrong decision). */
  public static final class Invalid extends Refusal {
    Invalid(String message) {
      super(message);
    }
  }
}

package io.runway.worker.runtime;

/**
 * A local run (embedded profile) that cannot start for a reason the person who started it can fix:
 * the Temporal CLI named is not the CLI, the data directory is not writable, another Runway holds it.
 * Reported by {@link LocalRunFailureAnalyzer} as one line and what to do, not as a stack trace.
 */
public class LocalRunException extends RuntimeException {

  private final String action;

  LocalRunException(String message, String action) {
    super(message);
    this.action = action;
  }

  LocalRunException(String message, String action, Throwable cause) {
    super(message, cause);
    this.action = action;
  }

  String action() {
    return action;
  }
}

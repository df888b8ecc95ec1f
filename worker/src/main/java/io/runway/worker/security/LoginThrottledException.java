package io.runway.worker.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for a username: the API answers 429 with Retry-After, the console says when to retry. */
public class LoginThrottledException extends AuthenticationException {

  private final Duration retryAfter;

  public LoginThrottledException(String username, Duration retryAfter) {
    super("Too many failed sign-ins for " + username + " from this address; try again in " + seconds(retryAfter) + " seconds.");
    this.retryAfter = retryAfter;
  }

  public Duration retryAfter() {
    return retryAfter;
  }

  /** Whole seconds, rounded up, at least 1: the value of a Retry-After header. */
  public long retryAfterSeconds() {
    return seconds(retryAfter);
  }

  private static long seconds(Duration wait) {
    long s = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, s);
  }
}

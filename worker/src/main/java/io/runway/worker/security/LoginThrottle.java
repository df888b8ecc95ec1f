package io.runway.worker.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing against the demo users: after {@code maxFailures} failed sign-ins for one
 * username within {@code window}, that username is refused (even with the right password) until the
 * oldest failure leaves the window. Shared by HTTP Basic and the console's form login through
 * {@link ThrottledAuthenticationProvider}; unknown usernames count too, so probing reveals nothing.
 */
public class LoginThrottle {

  /** Above this many tracked usernames, expired entries are dropped first: random names cannot fill memory. */
  private static final int TRACKED_LIMIT = 10_000;

  private final int maxFailures;
  private final Duration window;
  private final Clock clock;
  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

  public LoginThrottle(int maxFailures, Duration window, Clock clock) {
    if (maxFailures < 1 || window.isNegative() || window.isZero()) {
      throw new IllegalArgumentException("runway.auth.throttle needs max-failures >= 1 and a positive window");
    }
    this.maxFailures = maxFailures;
    this.window = window;
    this.clock = clock;
  }

  /** How long {@code username} must wait before trying again, or empty if it may try now. */
  public Optional<Duration> retryAfter(String username) {
    Deque<Instant> recent = failures.get(key(username));
    if (recent == null) {
      return Optional.empty();
    }
    synchronized (recent) {
      Instant now = clock.instant();
      prune(recent, now);
      if (recent.size() < maxFailures) {
        return Optional.empty();
      }
      Duration wait = Duration.between(now, recent.peekFirst().plus(window));
      return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
    }
  }

  public void failed(String username) {
    if (failures.size() > TRACKED_LIMIT) {
      Instant now = clock.instant();
      failures.values().removeIf(d -> {
        synchronized (d) {
          prune(d, now);
          return d.isEmpty();
        }
      });
    }
    Deque<Instant> recent = failures.computeIfAbsent(key(username), k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(clock.instant());
      while (recent.size() > maxFailures) {
        recent.removeFirst();
      }
    }
  }

  /** A successful sign-in, or an operator lifting the lock: the count starts again. */
  public void clear(String username) {
    failures.remove(key(username));
  }

  public int maxFailures() {
    return maxFailures;
  }

  public Duration window() {
    return window;
  }

  private void prune(Deque<Instant> recent, Instant now) {
    while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
      recent.removeFirst();
    }
  }

  private static String key(String username) {
    return username == null ? "" : username.toLowerCase(Locale.ROOT);
  }
}

package io.runway.worker.security;

import io.runway.lifecycle.model.Identities;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows password guessing against the demo users: after {@code maxFailures} failed sign-ins for one
 * username from one client address within {@code window}, that username is refused from that address
 * (even with the right password) until the oldest failure leaves the window. Counting per client and
 * username, not per username alone, means nobody can lock a named user out from elsewhere by failing
 * on purpose. Shared by HTTP Basic and the console's form login through
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

  /** How long {@code username} must wait before trying again from {@code client}, or empty if it may try now. */
  public Optional<Duration> retryAfter(String client, String username) {
    Deque<Instant> recent = failures.get(key(client, username));
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

  public void failed(String client, String username) {
    if (failures.size() > TRACKED_LIMIT) {
      Instant now = clock.instant();
      failures.values().removeIf(d -> {
        synchronized (d) {
          prune(d, now);
          return d.isEmpty();
        }
      });
    }
    Deque<Instant> recent = failures.computeIfAbsent(key(client, username), k -> new ArrayDeque<>());
    synchronized (recent) {
      recent.addLast(clock.instant());
      while (recent.size() > maxFailures) {
        recent.removeFirst();
      }
    }
  }

  /** A successful sign-in from {@code client}: the count for that client starts again. */
  public void clear(String client, String username) {
    failures.remove(key(client, username));
  }

  /** An operator lifting every pause of {@code username}, from whatever address. */
  public void clearUser(String username) {
    String suffix = "\n" + Identities.normalise(username == null ? "" : username);
    failures.keySet().removeIf(key -> key.endsWith(suffix));
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

  /** The client's address and the name as Identities compares people (a newline can be in neither). */
  private static String key(String client, String username) {
    return (client == null ? "" : client) + "\n" + Identities.normalise(username == null ? "" : username);
  }
}

package io.runway.worker.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private Instant now = Instant.parse("2026-11-23T10:00:00Z");
  private final Clock clock = new Clock() {
    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  };
  private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofMinutes(5), clock);

  private static final String HOME = "192.0.2.10";
  private static final String ELSEWHERE = "203.0.113.66";

  @Test
  void theFifthFailureWithinTheWindowPausesTheUserUntilTheOldestLeavesIt() {
    for (int i = 0; i < 4; i++) {
      throttle.failed(HOME, "ana");
      now = now.plusSeconds(30);
    }
    assertThat(throttle.retryAfter(HOME, "ana")).isEmpty();

    throttle.failed(HOME, "ana");

    assertThat(throttle.retryAfter(HOME, "ana")).contains(Duration.ofMinutes(3));
    now = now.plus(Duration.ofMinutes(3));
    assertThat(throttle.retryAfter(HOME, "ana")).as("the first failure has left the window").isEmpty();
  }

  @Test
  void failuresSpreadWiderThanTheWindowNeverPause() {
    for (int i = 0; i < 20; i++) {
      throttle.failed(HOME, "ana");
      now = now.plus(Duration.ofSeconds(61));
      assertThat(throttle.retryAfter(HOME, "ana")).isEmpty();
    }
  }

  @Test
  void countsPerUsernameAsPeopleAreCompared() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(HOME, " Ana ");
    }
    assertThat(throttle.retryAfter(HOME, "ana")).isPresent();
    assertThat(throttle.retryAfter(HOME, "bob")).isEmpty();
  }

  /** The informational finding: five wrong passwords from anywhere locked a named user out for everyone. */
  @Test
  void failuresFromOneAddressDoNotPauseTheUserAtAnother() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(ELSEWHERE, "ana");
    }

    assertThat(throttle.retryAfter(ELSEWHERE, "ana")).isPresent();
    assertThat(throttle.retryAfter(HOME, "ana")).as("ana signs in from her own address").isEmpty();
  }

  @Test
  void anOperatorLiftsEveryPauseOfAUser() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(ELSEWHERE, "ana");
      throttle.failed(HOME, "ana");
    }

    throttle.clearUser("ANA");

    assertThat(throttle.retryAfter(ELSEWHERE, "ana")).isEmpty();
    assertThat(throttle.retryAfter(HOME, "ana")).isEmpty();
  }

  @Test
  void clearingStartsTheCountAgain() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(HOME, "ana");
    }
    throttle.clear(HOME, "ana");
    assertThat(throttle.retryAfter(HOME, "ana")).isEmpty();
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    assertThat(new LoginThrottledException("ana", Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
    assertThat(new LoginThrottledException("ana", Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
  }
}

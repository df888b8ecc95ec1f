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

  @Test
  void theFifthFailureWithinTheWindowPausesTheUserUntilTheOldestLeavesIt() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("ana");
      now = now.plusSeconds(30);
    }
    assertThat(throttle.retryAfter("ana")).isEmpty();

    throttle.failed("ana");

    assertThat(throttle.retryAfter("ana")).contains(Duration.ofMinutes(3));
    now = now.plus(Duration.ofMinutes(3));
    assertThat(throttle.retryAfter("ana")).as("the first failure has left the window").isEmpty();
  }

  @Test
  void failuresSpreadWiderThanTheWindowNeverPause() {
    for (int i = 0; i < 20; i++) {
      throttle.failed("ana");
      now = now.plus(Duration.ofSeconds(61));
      assertThat(throttle.retryAfter("ana")).isEmpty();
    }
  }

  @Test
  void countsPerUsernameIgnoringCase() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("Ana");
    }
    assertThat(throttle.retryAfter("ana")).isPresent();
    assertThat(throttle.retryAfter("bob")).isEmpty();
  }

  @Test
  void clearingStartsTheCountAgain() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("ana");
    }
    throttle.clear("ana");
    assertThat(throttle.retryAfter("ana")).isEmpty();
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    assertThat(new LoginThrottledException("ana", Duration.ofMillis(1500)).retryAfterSeconds()).isEqualTo(2);
    assertThat(new LoginThrottledException("ana", Duration.ZERO).retryAfterSeconds()).isEqualTo(1);
  }
}

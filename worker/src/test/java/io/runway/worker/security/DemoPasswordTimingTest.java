package io.runway.worker.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Unknown demo usernames answered in ~70 ms and known ones in ~3 ms (the probe's figures): the
 * provider compares an unknown name's password with a dummy encoded by its password encoder, which
 * was bcrypt. The demo users' encoder encodes with {noop}, so both checks are the same cheap compare.
 * The mechanism is tested here; the timing itself is the benchmarks' business.
 */
class DemoPasswordTimingTest {

  @Test
  void theDummyForUnknownUsersIsEncodedAsCheaplyAsTheDemoPasswords() {
    String dummy = DemoIdentityConfiguration.DEMO_PASSWORDS.encode("userNotFoundPassword");

    assertThat(dummy).startsWith("{noop}");
    assertThat(DemoIdentityConfiguration.DEMO_PASSWORDS.matches("demo", "{noop}demo")).isTrue();
    assertThat(DemoIdentityConfiguration.DEMO_PASSWORDS.matches("guess", "{noop}demo")).isFalse();
  }
}

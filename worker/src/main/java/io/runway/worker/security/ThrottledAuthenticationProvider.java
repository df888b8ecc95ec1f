package io.runway.worker.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;

/** Password sign-in through {@link LoginThrottle}: refused while throttled, failures counted, success clears. */
final class ThrottledAuthenticationProvider implements AuthenticationProvider {

  private final AuthenticationProvider passwords;
  private final LoginThrottle throttle;

  ThrottledAuthenticationProvider(AuthenticationProvider passwords, LoginThrottle throttle) {
    this.passwords = passwords;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication attempt) throws AuthenticationException {
    String username = attempt.getName();
    var wait = throttle.retryAfter(username);
    if (wait.isPresent()) {
      throw new LoginThrottledException(username, wait.get());
    }
    try {
      Authentication authenticated = passwords.authenticate(attempt);
      throttle.clear(username);
      return authenticated;
    } catch (BadCredentialsException e) {
      throttle.failed(username);
      throw e;
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return passwords.supports(authentication);
  }
}

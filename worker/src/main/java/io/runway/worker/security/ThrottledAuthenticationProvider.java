package io.runway.worker.security;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/** Password sign-in through {@link LoginThrottle}: refused while throttled, failures counted per client and user, success clears. */
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
    String client = client(attempt);
    var wait = throttle.retryAfter(client, username);
    if (wait.isPresent()) {
      throw new LoginThrottledException(username, wait.get());
    }
    try {
      Authentication authenticated = passwords.authenticate(attempt);
      throttle.clear(client, username);
      return authenticated;
    } catch (BadCredentialsException e) {
      throttle.failed(client, username);
      throw e;
    }
  }

  /** The address the attempt came from (a trusted proxy's forwarded one), as HTTP Basic and the form record it. */
  private static String client(Authentication attempt) {
    return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return passwords.supports(authentication);
  }
}

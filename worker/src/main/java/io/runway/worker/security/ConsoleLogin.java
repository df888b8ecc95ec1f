package io.runway.worker.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;

/**
 * How people sign in to the web console: a login form against the demo users (embedded profile) or
 * OpenID Connect login against the organisation's identity provider (runway.auth.mode=oidc).
 */
public interface ConsoleLogin {

  /** Adds the sign-in mechanism to the console's filter chain. */
  void configure(HttpSecurity http) throws Exception;
}

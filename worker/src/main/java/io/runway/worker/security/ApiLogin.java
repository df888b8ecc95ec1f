package io.runway.worker.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.AuthenticationEntryPoint;

/** How API callers authenticate: HTTP Basic against the demo users, or an OIDC bearer token. One bean per mode. */
interface ApiLogin {

  /** Adds the credential check to the API's filter chain; failures go to {@code entryPoint}. */
  void configure(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception;

  /** The WWW-Authenticate challenge sent with a 401. */
  String challenge();
}

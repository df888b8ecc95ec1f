package io.runway.worker.security;

import io.runway.worker.web.ResponseHeaders;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;

/**
 * The response headers every chain sets (the API's and the console's): a Content-Security-Policy for
 * a server-rendered console with same-origin scripts and styles only, no framing, no referrer beyond
 * this origin, no MIME sniffing, no powerful browser features, and HSTS on HTTPS requests (behind a
 * proxy that runway.http.trusted-proxies names, its X-Forwarded-Proto makes a request HTTPS).
 */
public final class SecurityHeaders {

  public static final String CONTENT_SECURITY_POLICY = ResponseHeaders.CONTENT_SECURITY_POLICY;
  public static final String PERMISSIONS_POLICY = ResponseHeaders.PERMISSIONS_POLICY;

  private SecurityHeaders() {}

  public static void apply(HttpSecurity http) throws Exception {
    http.headers(headers -> headers
        .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
        .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
        .contentTypeOptions(options -> {})
        .frameOptions(frames -> frames.deny())
        .permissionsPolicyHeader(permissions -> permissions.policy(PERMISSIONS_POLICY))
        .httpStrictTransportSecurity(hsts -> hsts.includeSubDomains(true).maxAgeInSeconds(31_536_000)));
  }
}

package io.runway.worker.web;

import jakarta.servlet.http.HttpServletResponse;

/**
 * The security headers every response carries, as values: Spring Security's header writer sets them
 * on what passes through its filter chains (io.runway.worker.security.SecurityHeaders), and
 * {@link #addTo} on what is answered before or outside them: the body size limit's 413, the edge
 * checks, the URL firewall's 400 and Tomcat's own error reports.
 */
public final class ResponseHeaders {

  public static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data:", "font-src 'self'",
      "connect-src 'self'", "object-src 'none'", "base-uri 'self'", "form-action 'self'", "frame-ancestors 'none'");
  public static final String PERMISSIONS_POLICY = String.join(", ",
      "camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()", "interest-cohort=()");
  public static final String HSTS = "max-age=31536000 ; includeSubDomains";

  private ResponseHeaders() {}

  /** Sets each header the response does not have yet; HSTS only on an HTTPS request. */
  public static void addTo(HttpServletResponse response, boolean secure) {
    setIfAbsent(response, "Content-Security-Policy", CONTENT_SECURITY_POLICY);
    setIfAbsent(response, "X-Frame-Options", "DENY");
    setIfAbsent(response, "X-Content-Type-Options", "nosniff");
    setIfAbsent(response, "Referrer-Policy", "same-origin");
    setIfAbsent(response, "Permissions-Policy", PERMISSIONS_POLICY);
    if (secure) {
      setIfAbsent(response, "Strict-Transport-Security", HSTS);
    }
  }

  private static void setIfAbsent(HttpServletResponse response, String name, String value) {
    if (!response.containsHeader(name)) {
      response.setHeader(name, value);
    }
  }
}

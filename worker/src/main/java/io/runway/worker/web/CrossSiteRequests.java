package io.runway.worker.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses state-changing requests that a browser says come from another site. A page elsewhere can
 * make a signed-in browser send Runway a form post (with the Basic credentials the browser cached, or
 * the console's session cookie); the browser tells on it: {@code Sec-Fetch-Site} is {@code cross-site}
 * or {@code same-site}, or, from an older browser, {@code Origin} names another origin. Allowed: safe
 * methods, requests a browser marks {@code same-origin} or {@code none}, requests without either
 * header (curl, scripts, servers: not a browser acting for someone), origins in
 * {@code runway.http.trusted-origins}, and {@code /codec/**}, which its own CORS rules govern (the
 * Temporal UI calls it from another origin on purpose). The console's forms are same-origin.
 */
@Component
@Order(RequestParameters.ORDER)
class CrossSiteRequests extends OncePerRequestFilter {

  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final ProblemResponses problems;
  private final Set<String> trustedOrigins;

  CrossSiteRequests(ProblemResponses problems, HttpEdgeProperties edge) {
    this.problems = problems;
    this.trustedOrigins = edge.trustedOrigins().stream().map(CrossSiteRequests::origin).collect(Collectors.toUnmodifiableSet());
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    return SAFE.contains(request.getMethod()) || path.startsWith("/codec/");
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal = refusal(request);
    if (refusal != null) {
      request.setAttribute(ProblemResponses.REFUSED_AT_THE_EDGE, Boolean.TRUE);
      problems.write(response, HttpStatus.FORBIDDEN, refusal);
      return;
    }
    chain.doFilter(request, response);
  }

  private String refusal(HttpServletRequest request) {
    String origin = request.getHeader("Origin");
    if (origin != null && trustedOrigins.contains(origin(origin))) {
      return null;
    }
    String site = request.getHeader("Sec-Fetch-Site");
    if (site != null) {
      String value = site.strip().toLowerCase(Locale.ROOT);
      return value.equals("same-origin") || value.equals("none") ? null
          : "Runway refused a cross-site request: this browser says it came from another site (Sec-Fetch-Site: " + value
              + (origin == null ? "" : ", Origin: " + origin) + "). Send commands from Runway's own pages, or from a"
              + " script or server rather than another site's page.";
    }
    if (origin == null || origin(origin).equals(ownOrigin(request))) {
      return null;
    }
    return "Runway refused a cross-site request from " + origin + ": commands must come from Runway's own pages"
        + " (or a script or server). An operator can allow another origin in runway.http.trusted-origins.";
  }

  /** The origin a request addressed, as the browser saw it (a trusted proxy's forwarded scheme and host applied). */
  private static String ownOrigin(HttpServletRequest request) {
    String scheme = request.getScheme().toLowerCase(Locale.ROOT);
    int port = request.getServerPort();
    boolean defaultPort = (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
    return scheme + "://" + request.getServerName().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
  }

  /** {@code scheme://host[:port]}, lower-cased, default port dropped; the text itself when it is no URI ("null"). */
  static String origin(String text) {
    try {
      URI uri = URI.create(text.strip());
      if (uri.getScheme() == null || uri.getHost() == null) {
        return text.strip();
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      int port = uri.getPort();
      boolean defaultPort = port < 0 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
    } catch (IllegalArgumentException e) {
      return text.strip();
    }
  }
}

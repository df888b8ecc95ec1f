package io.runway.worker.audit;

import io.runway.worker.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Records every command (a non-GET request to {@code /api/**}, the console's {@code /console/**}, sign-in
 * and sign-out), every 401 or 403 answered on any path, and every request refused at the edge for what
 * it carried (a NUL in a user name or parameter), with the request's final status. It sits
 * outside Spring Security's filter chain, so the chain's own refusals pass through it. It holds a
 * command's answer back until the entry is stored: an acknowledged command always has its entry, and
 * one whose entry cannot be stored is answered 503 instead. Reads are not buffered.
 */
@Component
@Order(AuditRecordingFilter.ORDER)
class AuditRecordingFilter extends OncePerRequestFilter {

  /**
   * Before Spring Security's filter chain (-100) and the edge checks of parameters and origins (-101),
   * so their refusals are recorded too; after tracing.
   */
  static final int ORDER = -102;

  private static final Logger log = LoggerFactory.getLogger(AuditRecordingFilter.class);
  private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private final AuditTrail trail;
  private final RequestDescriptions descriptions;
  private final ProblemResponses problems;

  AuditRecordingFilter(AuditTrail trail, RequestDescriptions descriptions, ProblemResponses problems) {
    this.trail = trail;
    this.descriptions = descriptions;
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!isCommand(request)) {
      // a read is recorded only when refused, and a refusal is not acknowledged: nothing to hold back
      chain.doFilter(request, response);
      if (isRefusal(response.getStatus()) || request.getAttribute(ProblemResponses.REFUSED_AT_THE_EDGE) != null) {
        tryRecord(request, response.getStatus());
      }
      return;
    }
    ContentCachingResponseWrapper answer = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, answer);
    } catch (IOException | ServletException | RuntimeException e) {
      tryRecord(request, HttpStatus.INTERNAL_SERVER_ERROR.value());
      throw e;
    }
    if (!tryRecord(request, answer.getStatus()) && !response.isCommitted()) {
      response.reset();
      problems.write(response, HttpStatus.SERVICE_UNAVAILABLE, "Runway could not record this request in its audit"
          + " trail, so it is not acknowledged; the database may be unreachable. It may still have taken effect:"
          + " check the initiative or task before you retry.");
      return;
    }
    answer.copyBodyToResponse();
  }

  /** A non-GET request to the API or the console, or a sign-in or sign-out. */
  static boolean isCommand(HttpServletRequest request) {
    String path = path(request);
    return !READS.contains(request.getMethod())
        && (path.startsWith("/api/") || path.startsWith("/console/") || path.equals("/login") || path.equals("/logout"));
  }

  private static boolean isRefusal(int status) {
    return status == HttpStatus.UNAUTHORIZED.value() || status == HttpStatus.FORBIDDEN.value();
  }

  private boolean tryRecord(HttpServletRequest request, int status) {
    try {
      trail.append(descriptions.describe(request, status));
      return true;
    } catch (RuntimeException e) {
      log.error("could not append {} {} (status {}) to the audit trail", request.getMethod(), path(request), status, e);
      return false;
    }
  }

  static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}

package io.runway.worker.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place query parameters, form fields and Basic user names are checked, before anything
 * reads them: text {@link TextRules} refuses (a NUL that PostgreSQL cannot store, a control character
 * that no form sends) and percent-encoding that does not decode are a 400 problem+json naming the
 * parameter. Typed parameters (pages, day counts, enums) are checked where they are bound
 * ({@link Paging}, {@link DayCounts}, the exception handler); JSON bodies by {@link StrictJson}.
 * It runs inside the audit filter, so a command refused here is still recorded.
 */
@Component
@Order(RequestParameters.ORDER)
class RequestParameters extends OncePerRequestFilter {

  /** Just inside the audit filter (-102) and before Spring Security's chain (-100). */
  static final int ORDER = -101;

  private final ProblemResponses problems;

  RequestParameters(ProblemResponses problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String refusal;
    try {
      refusal = refusal(request);
    } catch (IllegalArgumentException | IllegalStateException e) {
      refusal = "The query string or form body is not valid percent-encoding (" + e.getMessage()
          + "); encode '%' as %25 and retry.";
    }
    if (refusal != null) {
      request.setAttribute(ProblemResponses.REFUSED_AT_THE_EDGE, Boolean.TRUE);
      problems.write(response, HttpStatus.BAD_REQUEST, refusal);
      return;
    }
    chain.doFilter(request, response);
  }

  private static String refusal(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query != null && Arrays.stream(query.split("&")).anyMatch(pair -> pair.startsWith("="))) {
      // "=value": the servlet container cannot split such a query string, and would fail on it later
      return "A query parameter has no name ('=value'); name it or remove it, and retry.";
    }
    for (Map.Entry<String, List<String>> parameter : parameters(request).entrySet()) {
      String problem = TextRules.problemWith(parameter.getKey());
      if (problem != null) {
        return "A parameter name " + problem + "; remove it and retry.";
      }
      for (String value : parameter.getValue()) {
        problem = TextRules.problemWith(value);
        if (problem != null) {
          return "Parameter '" + parameter.getKey() + "' " + problem + "; remove it and retry.";
        }
      }
    }
    String user = basicUserName(request);
    String problem = user == null ? null : TextRules.problemWith(user);
    return problem == null ? null
        : "The user name in the Authorization header " + problem + "; send the user's name as it is and retry.";
  }

  /**
   * Form fields and the query string for a form post (the servlet container parses both); the query
   * string alone otherwise, so that neither a JSON nor a multipart body is read here.
   */
  private static Map<String, List<String>> parameters(HttpServletRequest request) {
    Map<String, List<String>> parameters = new LinkedHashMap<>();
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE)) {
      request.getParameterMap().forEach((name, values) -> parameters.put(name, List.of(values)));
      return parameters;
    }
    String query = request.getQueryString();
    if (query == null || query.isEmpty()) {
      return parameters;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      parameters.computeIfAbsent(name, n -> new java.util.ArrayList<>()).add(value);
    }
    return parameters;
  }

  private static String basicUserName(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = credentials.indexOf(':');
      return colon < 0 ? credentials : credentials.substring(0, colon);
    } catch (IllegalArgumentException e) {
      return null; // not Base64: the Basic filter refuses it as bad credentials
    }
  }
}

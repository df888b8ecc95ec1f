package io.runway.worker.audit;

import io.runway.worker.security.Actors;
import io.runway.worker.web.IpAddresses;
import io.runway.worker.web.ProblemResponses;
import io.runway.worker.web.Routes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Turns an answered request into an audit record: who (the authenticated user and their groups, a
 * webhook sender, or {@code anonymous}), from where, which route, which initiative, with what outcome.
 */
@Component
class RequestDescriptions {

  /** Set by {@link AuditWebConfiguration} for requests that reach a controller. */
  static final String AUTHENTICATION = RequestDescriptions.class.getName() + ".authentication";
  static final String ANONYMOUS = "anonymous";
  private static final String INITIATIVE_VARIABLE = "key";
  /** Where task ids appear in paths: the API and the console. */
  private static final List<String> TASKS = List.of("/api/v1/tasks/", "/console/inbox/tasks/");

  AuditRecord describe(HttpServletRequest request, int status) {
    Authentication user = authentication(request);
    String actor = note(request, AuditNotes.ACTOR);
    String roles = "";
    if (actor == null && user != null) {
      actor = user.getName();
      roles = AuditRecord.roles(Actors.of(user).groups());
    }
    Map<String, String> variables = pathVariables(request);
    return new AuditRecord(
        actor == null ? ANONYMOUS : actor,
        roles,
        // the connection's address, or the one a trusted proxy forwarded: only ever a parsed IP address
        IpAddresses.parse(request.getRemoteAddr()).orElse(null),
        initiative(request, variables),
        request.getMethod() + " " + route(request),
        Objects.requireNonNullElse(note(request, AuditNotes.OUTCOME), outcome(status)),
        status,
        detail(request, status, variables, user));
  }

  /**
   * Who the request was authenticated as, if anyone: captured at the controller, else from Spring
   * Security's request attribute (the stateless API), else from the console's session (a request its
   * CSRF check refused before the session's user was loaded is still that user's).
   */
  private static Authentication authentication(HttpServletRequest request) {
    Authentication user = request.getAttribute(AUTHENTICATION) instanceof Authentication captured ? captured
        : request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME)
            instanceof SecurityContext context ? context.getAuthentication() : null;
    if (user == null || user instanceof AnonymousAuthenticationToken) {
      HttpSession session = request.getSession(false);
      if (session != null && session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY)
          instanceof SecurityContext context) {
        user = context.getAuthentication();
      }
    }
    return user == null || user instanceof AnonymousAuthenticationToken || !user.isAuthenticated() ? null : user;
  }

  static String outcome(int status) {
    if (status < 400) {
      return "ACCEPTED";
    }
    return switch (status) {
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "FORBIDDEN";
      case 404 -> "NOT_FOUND";
      case 409 -> "CONFLICT";
      default -> status < 500 ? "REJECTED" : "FAILED";
    };
  }

  /**
   * The route as declared ({@code /api/v1/tasks/{id}/complete}) once MVC matched it, its variables
   * without the regex a mapping may give them ({@code {source:(?!deliveries$).+}} is {@code {source}});
   * the raw path otherwise.
   */
  private static String route(HttpServletRequest request) {
    return request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE) instanceof String pattern
        ? Routes.withoutRegexes(pattern) : AuditRecordingFilter.path(request);
  }


  private static String initiative(HttpServletRequest request, Map<String, String> variables) {
    String noted = note(request, AuditNotes.INITIATIVE);
    if (noted != null) {
      return noted;
    }
    if (variables.containsKey(INITIATIVE_VARIABLE)) {
      return variables.get(INITIATIVE_VARIABLE);
    }
    // task ids read <initiative key>.<gate>.<round>, and initiative keys have no dots
    String path = AuditRecordingFilter.path(request);
    for (String tasks : TASKS) {
      if (path.startsWith(tasks) && path.length() > tasks.length()) {
        String id = path.substring(tasks.length());
        int dot = id.indexOf('.');
        return dot > 0 ? id.substring(0, dot) : null;
      }
    }
    return null;
  }

  private static String detail(HttpServletRequest request, int status, Map<String, String> variables,
      Authentication user) {
    List<String> parts = new ArrayList<>();
    String noted = note(request, AuditNotes.DETAIL);
    if (noted != null) {
      parts.add(noted);
    }
    String identifiers = variables.entrySet().stream().filter(v -> !v.getKey().equals(INITIATIVE_VARIABLE))
        .map(v -> v.getKey() + " " + v.getValue()).collect(Collectors.joining(", "));
    if (!identifiers.isEmpty()) {
      parts.add(identifiers);
    }
    if (status >= 400 && user == null) {
      // refused before (or without) authenticating: name whom the credentials claimed to be
      String claimed = claimedUsername(request);
      if (claimed != null) {
        parts.add("credentials of '" + claimed + "' " + (status == HttpStatus.UNAUTHORIZED.value() ? "refused" : "not checked"));
      }
    }
    if (status >= 400 && request.getAttribute(ProblemResponses.DETAIL) instanceof String problem) {
      parts.add(problem);
    }
    return parts.isEmpty() ? null : String.join("; ", parts);
  }

  /** The username of refused Basic credentials (never the password), to show repeated guessing. */
  private static String claimedUsername(HttpServletRequest request) {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    try {
      String credentials = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = credentials.indexOf(':');
      String username = colon < 0 ? credentials : credentials.substring(0, colon);
      return username.length() > 64 ? username.substring(0, 64) : username;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private static Map<String, String> pathVariables(HttpServletRequest request) {
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    return variables == null ? Map.of() : variables;
  }

  private static String note(HttpServletRequest request, String name) {
    return request.getAttribute(name) instanceof String value ? value : null;
  }
}

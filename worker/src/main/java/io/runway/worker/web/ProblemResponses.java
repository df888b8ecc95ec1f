package io.runway.worker.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Writes problem+json where no controller advice reaches: security entry points and servlet filters. */
@Component
public class ProblemResponses {

  /** Request attribute: the {@code detail} of the problem the request was answered with (read by the audit trail). */
  public static final String DETAIL = ProblemResponses.class.getName() + ".detail";
  /**
   * Request attribute: the request was refused at the edge for what it carried (a control character in
   * a parameter or a user name, a cross-site origin). The audit trail records such refusals of reads too.
   */
  public static final String REFUSED_AT_THE_EDGE = ProblemResponses.class.getName() + ".refusedAtTheEdge";

  private final JsonMapper json;

  public ProblemResponses(JsonMapper json) {
    this.json = json;
  }

  public void write(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
    write(response, status, detail, List.of());
  }

  /** As {@link #write(HttpServletResponse, HttpStatus, String)} with the fields at fault (a 422 always names one). */
  public void write(HttpServletResponse response, HttpStatus status, String detail, List<ApiProblem.FieldProblem> errors)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "about:blank");
    body.put("title", status.getReasonPhrase());
    body.put("status", status.value());
    body.put("detail", detail);
    List<ApiProblem.FieldProblem> fields = ApiProblem.fieldsOf(status, detail, errors);
    if (!fields.isEmpty()) {
      body.put("errors", fields);
    }
    note(detail);
    // answered before (or outside) Spring Security's chains, whose header writer would set these
    ResponseHeaders.addTo(response, isSecure());
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    json.writeValue(response.getOutputStream(), body);
  }

  private static boolean isSecure() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes request
        && request.getRequest().isSecure();
  }

  /** Keeps the detail on the current request, so whoever records the answer need not read its body back. */
  static void note(String detail) {
    RequestAttributes request = RequestContextHolder.getRequestAttributes();
    if (request != null && detail != null) {
      request.setAttribute(DETAIL, detail, RequestAttributes.SCOPE_REQUEST);
    }
  }
}

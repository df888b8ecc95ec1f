package io.runway.worker.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.springframework.http.HttpStatus;

/** A refusal the API explains to the caller; rendered as problem+json by {@link ApiExceptionHandler}. */
public class ApiProblem extends RuntimeException {

  /** One field that is wrong and why; {@code allowedValues} is set for enumerations (and left out otherwise). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldProblem(String field, String message, List<String> allowedValues) {
    public FieldProblem(String field, String message) {
      this(field, message, null);
    }
  }

  private final HttpStatus status;
  private final List<FieldProblem> errors;

  public ApiProblem(HttpStatus status, String detail, List<FieldProblem> errors) {
    super(detail);
    this.status = status;
    this.errors = errors == null ? List.of() : List.copyOf(errors);
  }

  public static ApiProblem notFound(String detail) {
    return new ApiProblem(HttpStatus.NOT_FOUND, detail, null);
  }

  public static ApiProblem forbidden(String detail) {
    return new ApiProblem(HttpStatus.FORBIDDEN, detail, null);
  }

  public static ApiProblem conflict(String detail) {
    return new ApiProblem(HttpStatus.CONFLICT, detail, null);
  }

  public static ApiProblem invalid(String field, String message) {
    return new ApiProblem(
        HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message, List.of(new FieldProblem(field, message)));
  }

  public static ApiProblem unavailable(String detail) {
    return new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, detail, null);
  }

  /**
   * The {@code errors} a problem carries: the fields given, and for a 422 without any one entry for the
   * request as a whole ({@link #WHOLE_REQUEST}), so every 422 has the shape the README promises.
   */
  public static List<FieldProblem> fieldsOf(HttpStatus status, String detail, List<FieldProblem> errors) {
    if (errors != null && !errors.isEmpty()) {
      return errors;
    }
    return status == HttpStatus.UNPROCESSABLE_CONTENT ? List.of(new FieldProblem(WHOLE_REQUEST, detail)) : List.of();
  }

  /** The {@code field} of a 422 about the request as a whole (a workflow rule, a file), not one field. */
  public static final String WHOLE_REQUEST = "(request)";

  public HttpStatus status() {
    return status;
  }

  public List<FieldProblem> errors() {
    return errors;
  }
}

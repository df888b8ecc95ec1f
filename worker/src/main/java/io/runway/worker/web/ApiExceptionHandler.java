package io.runway.worker.web;

import io.grpc.StatusRuntimeException;
import io.runway.worker.web.ApiProblem.FieldProblem;
import io.temporal.client.WorkflowServiceException;
import java.util.Arrays;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * The one place exceptions become HTTP answers, all as problem+json with a {@code detail} a person
 * can act on; 422 answers carry an {@code errors} array naming each field. Spring's own MVC errors
 * (404, 405, 415...) come through the superclass in the same format.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiProblem.class)
  ResponseEntity<Object> apiProblem(ApiProblem problem) {
    return problem(problem.status(), problem.getMessage(), problem.errors());
  }

  /** Down, or too busy to hand out a connection in time (a transaction that cannot start): retry later, not a bug. */
  @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class,
      CannotCreateTransactionException.class})
  ResponseEntity<Object> databaseUnavailable(Exception e) {
    log.warn("database unavailable: {}", e.getMessage());
    return problem(HttpStatus.SERVICE_UNAVAILABLE, "The database is not reachable right now, or too busy; retry in a moment.", null);
  }

  @ExceptionHandler({WorkflowServiceException.class, StatusRuntimeException.class})
  ResponseEntity<Object> temporalFailure(RuntimeException e) {
    if (TemporalCalls.isUnreachable(e)) {
      log.warn("Temporal unavailable: {}", e.getMessage());
      return problem(HttpStatus.SERVICE_UNAVAILABLE, TemporalCalls.temporalUnavailable().getMessage(), null);
    }
    return unexpected(e);
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    log.error("unexpected error", e);
    return problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        "Runway failed to handle this request; the error is logged. Retry, and report it if it persists.",
        null);
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    List<FieldProblem> errors =
        e.getBindingResult().getFieldErrors().stream()
            .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
            .toList();
    String detail =
        "Invalid values: "
            + String.join("; ", errors.stream().map(f -> f.field() + " " + f.message()).toList());
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, detail, errors);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RequestSizeLimitFilter.BodyTooLargeException tooLarge) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, tooLarge.getMessage(), null);
      }
    }
    return switch (e.getCause()) {
      case InvalidFormatException invalid when invalid.getTargetType() != null && invalid.getTargetType().isEnum() ->
          unknownEnumValue(invalid);
      case StrictJson.InvalidTextException invalid -> invalidText(invalid);
      case UnrecognizedPropertyException unknown -> unknownField(unknown);
      case MismatchedInputException mismatch -> wrongType(mismatch);
      case StreamReadException malformed ->
          problem(HttpStatus.BAD_REQUEST, "Malformed JSON: " + malformed.getOriginalMessage() + location(malformed), null);
      case null -> problem(HttpStatus.BAD_REQUEST, "A JSON request body is required.", null);
      default -> problem(HttpStatus.BAD_REQUEST, "The request body could not be read as JSON.", null);
    };
  }

  /** A query or path parameter of the wrong type: enums answer 422 with the allowed values, the rest 400. */
  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = e instanceof MethodArgumentTypeMismatchException m ? m.getName() : e.getPropertyName();
    Class<?> type = e.getRequiredType();
    if (type != null && type.isEnum()) {
      List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
      String message = "'" + e.getValue() + "' is not one of " + allowed;
      return problem(
          HttpStatus.UNPROCESSABLE_CONTENT, name + ": " + message, List.of(new FieldProblem(name, message, allowed)));
    }
    String expected = type == null ? "another type" : describe(type);
    return problem(
        HttpStatus.BAD_REQUEST, "Parameter '" + name + "' must be " + expected + "; got '" + e.getValue() + "'.", null);
  }

  private ResponseEntity<Object> unknownEnumValue(InvalidFormatException e) {
    String field = path(e);
    List<String> allowed = Arrays.stream(e.getTargetType().getEnumConstants()).map(Object::toString).toList();
    String message = "'" + e.getValue() + "' is not one of " + allowed;
    return problem(
        HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message, List.of(new FieldProblem(field, message, allowed)));
  }

  /** Strict JSON: a field the request type does not have is a mistake (a typo, or a field of another version). */
  private ResponseEntity<Object> unknownField(UnrecognizedPropertyException e) {
    String field = path(e);
    List<String> known = e.getKnownPropertyIds() == null ? List.of()
        : e.getKnownPropertyIds().stream().map(String::valueOf).sorted().toList();
    String message = "is not a field of this request" + (known.isEmpty() ? "" : "; known fields here: " + known);
    return problem(HttpStatus.BAD_REQUEST, "Unknown field '" + field + "': " + message + ".",
        List.of(new FieldProblem(field, message)));
  }

  /** Text Runway cannot store or show faithfully (control characters, broken Unicode); see {@link StrictJson}. */
  private ResponseEntity<Object> invalidText(StrictJson.InvalidTextException e) {
    String field = path(e);
    String message = e.getOriginalMessage();
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message + ".", List.of(new FieldProblem(field, message)));
  }

  private ResponseEntity<Object> wrongType(MismatchedInputException e) {
    String expected = e.getTargetType() == null ? "another type" : describe(e.getTargetType());
    return problem(
        HttpStatus.BAD_REQUEST, "Wrong type for field '" + path(e) + "': expected " + expected + ".", null);
  }

  private static String describe(Class<?> type) {
    if (type == boolean.class || type == Boolean.class) {
      return "true or false";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    if (CharSequence.class.isAssignableFrom(type)) {
      return "a string";
    }
    if (Iterable.class.isAssignableFrom(type) || type.isArray()) {
      return "an array";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
    }
    if (type == java.time.LocalDate.class) {
      return "a date written YYYY-MM-DD";
    }
    return "an object";
  }

  private static String path(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference ref : e.getPath()) {
      if (ref.getPropertyName() != null) {
        path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.isEmpty() ? "(body)" : path.toString();
  }

  private static String location(JacksonException e) {
    return e.getLocation() == null
        ? ""
        : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
  }

  /** Spring's own errors (404, 405, 415, type mismatches...) keep their status; the body gets our shape. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    HttpHeaders problemHeaders = new HttpHeaders();
    problemHeaders.addAll(headers);
    problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    if (body instanceof ProblemDetail problem) {
      ProblemResponses.note(problem.getDetail());
    }
    return new ResponseEntity<>(body, problemHeaders, statusCode);
  }

  static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldProblem> errors) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    ProblemResponses.note(detail);
    if (errors != null && !errors.isEmpty()) {
      body.setProperty("errors", errors);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}

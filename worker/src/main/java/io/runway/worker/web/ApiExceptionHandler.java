package io.runway.worker.web;

import io.grpc.StatusRuntimeException;
import io.runway.worker.web.ApiProblem.FieldProblem;
import io.temporal.client.WorkflowServiceException;
import org.apache.tomcat.util.http.InvalidParameterException;
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
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
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

  /**
   * A body declared multipart that cannot be parsed as such (no boundary, truncated parts): the
   * caller's mistake, not Runway's. Too large a file is 413 like any other body over the limit.
   */
  @ExceptionHandler(MultipartException.class)
  ResponseEntity<Object> unreadableMultipart(MultipartException e) {
    if (e instanceof MaxUploadSizeExceededException) {
      return problem(HttpStatus.CONTENT_TOO_LARGE, "The uploaded file is larger than the import limit; send a smaller file.",
          null);
    }
    return problem(HttpStatus.BAD_REQUEST, "The body is not readable multipart/form-data: send it with the boundary in "
        + "the Content-Type (multipart/form-data; boundary=...) and the file in the part named 'file', or send no "
        + "multipart Content-Type where no body is expected.", null);
  }

  /** A query string the servlet container cannot split into parameters (a parameter without a name). */
  @ExceptionHandler(InvalidParameterException.class)
  ResponseEntity<Object> unreadableParameters(InvalidParameterException e) {
    return problem(HttpStatus.BAD_REQUEST, "The query string could not be read as name=value pairs; give every parameter "
        + "a name and retry.", null);
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
      case StrictJson.InvalidTextException invalid -> invalidValue(invalid);
      case StrictJson.InvalidNumberException invalid -> invalidValue(invalid);
      case InvalidNullException nullItem -> nullItem(nullItem);
      case UnrecognizedPropertyException unknown -> unknownField(unknown);
      case MismatchedInputException mismatch -> wrongType(mismatch);
      case StreamReadException malformed ->
          problem(HttpStatus.BAD_REQUEST, "Malformed JSON: " + malformed.getOriginalMessage() + location(malformed), null);
      case null -> problem(HttpStatus.BAD_REQUEST, "A JSON request body is required.", null);
      default -> problem(HttpStatus.BAD_REQUEST, "The request body could not be read as JSON.", null);
    };
  }

  /** Names the media types the endpoint does take, so the caller can resend the same content correctly. */
  @Override
  protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(
      HttpMediaTypeNotSupportedException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String sent = e.getContentType() == null ? "a body without a Content-Type" : "Content-Type '" + e.getContentType() + "'";
    List<String> accepted = e.getSupportedMediaTypes().stream().map(MediaType::toString).sorted().toList();
    return problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE, sent + " is not accepted here; send "
        + (accepted.isEmpty() ? "another type" : "one of " + accepted) + ".", null);
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

  /** A null item in a list or a null value in a map: what it stood for is unclear, so it is not guessed at. */
  private ResponseEntity<Object> nullItem(InvalidNullException e) {
    String field = path(e);
    String message = "must not be null: leave the item out of the list (or the entry out of the object)";
    return problem(HttpStatus.UNPROCESSABLE_CONTENT, field + ": " + message + ".", List.of(new FieldProblem(field, message)));
  }

  /**
   * Text Runway cannot store or show faithfully (control characters, broken Unicode) and numbers it
   * will not compute with (not finite, astronomically large); see {@link StrictJson}.
   */
  private ResponseEntity<Object> invalidValue(InvalidFormatException e) {
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
    return StrictJson.path(e);
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
      HttpStatus status = HttpStatus.resolve(statusCode.value());
      if (status != null && (problem.getProperties() == null || !problem.getProperties().containsKey("errors"))) {
        List<FieldProblem> fields = ApiProblem.fieldsOf(status, problem.getDetail(), null);
        if (!fields.isEmpty()) {
          problem.setProperty("errors", fields);
        }
      }
    }
    return new ResponseEntity<>(body, problemHeaders, statusCode);
  }

  static ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldProblem> errors) {
    ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
    ProblemResponses.note(detail);
    List<FieldProblem> fields = ApiProblem.fieldsOf(status, detail, errors);
    if (!fields.isEmpty()) {
      body.setProperty("errors", fields);
    }
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
  }
}

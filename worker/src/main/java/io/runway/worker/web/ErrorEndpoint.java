package io.runway.worker.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /error}, where the servlet container forwards a request answered with {@code sendError}: in
 * problem+json like every other answer (Spring Boot's own controller writes a different JSON), and a
 * 404 for someone who asks for {@code /error} itself (there is no error to report then).
 */
@RestController
class ErrorEndpoint implements ErrorController {

  @RequestMapping("/error")
  ResponseEntity<Object> error(HttpServletRequest request) {
    if (!(request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code)) {
      return ApiExceptionHandler.problem(HttpStatus.NOT_FOUND, "There is nothing at /error; it reports errors of other requests.",
          null);
    }
    HttpStatus status = HttpStatus.resolve(code);
    if (status == null || !status.isError()) {
      status = HttpStatus.INTERNAL_SERVER_ERROR;
    }
    return ApiExceptionHandler.problem(status, detail(status), null);
  }

  private static String detail(HttpStatus status) {
    return switch (status) {
      case UNAUTHORIZED -> "Authentication required: sign in again.";
      case FORBIDDEN -> "You are not allowed to do this.";
      case NOT_FOUND -> "There is nothing at this address.";
      default -> status.is5xxServerError()
          ? "Runway failed to handle this request; the error is logged. Retry, and report it if it persists."
          : "The request was refused (" + status.getReasonPhrase() + ").";
    };
  }
}

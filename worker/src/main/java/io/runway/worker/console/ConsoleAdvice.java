package io.runway.worker.console;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.security.Actors;
import io.runway.worker.security.Groups;
import io.runway.worker.web.ApiProblem;
import io.runway.worker.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.ModelAndView;

/**
 * What every console page knows about the signed-in person, and errors as a page rather than the
 * API's problem+json (this advice runs before the API's for console controllers only).
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

  private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

  private final ProblemResponses problems;

  ConsoleAdvice(ProblemResponses problems) {
    this.problems = problems;
  }

  @ModelAttribute
  void person(Model model) {
    model.addAttribute("when", SlaClock.WHEN);
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null
        || "anonymousUser".equals(authentication.getName())) {
      return;
    }
    Actor me = Actors.of(authentication);
    model.addAttribute("me", me);
    model.addAttribute("myGroups", me.groups().stream().sorted().toList());
    model.addAttribute("mayLaunch", me.isMemberOf(Groups.PROGRAM_OFFICE));
  }

  /**
   * A page for a browser (or htmx); the API's problem+json for any other client, which asked for no
   * HTML and gets the same answer the API would give.
   */
  @ExceptionHandler(ApiProblem.class)
  ModelAndView problem(ApiProblem problem, HttpServletRequest request, HttpServletResponse response) throws IOException {
    if (!wantsPage(request)) {
      problems.write(response, problem.status(), problem.getMessage(), problem.errors());
      return new ModelAndView();
    }
    response.setStatus(problem.status().value());
    ModelAndView page = new ModelAndView("console/error");
    page.addObject("status", problem.status().value());
    page.addObject("message", problem.getMessage());
    return page;
  }

  /** A query parameter that is not a number where one is expected ({@code page=abc}): a 400, not a failure. */
  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ModelAndView wrongType(MethodArgumentTypeMismatchException e, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    String detail = "Parameter '" + e.getName() + "' must be " + (e.getRequiredType() != null
        && Number.class.isAssignableFrom(org.springframework.util.ClassUtils.resolvePrimitiveIfNecessary(e.getRequiredType()))
        ? "a whole number" : "of another type") + "; got '" + e.getValue() + "'.";
    return problem(new ApiProblem(HttpStatus.BAD_REQUEST, detail, null), request, response);
  }

  private static boolean wantsPage(HttpServletRequest request) {
    String accept = request.getHeader(HttpHeaders.ACCEPT);
    return request.getHeader("HX-Request") != null || (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE));
  }

  @ExceptionHandler(Exception.class)
  String unexpected(Exception e, Model model, HttpServletResponse response) {
    log.error("console page failed", e);
    response.setStatus(500);
    model.addAttribute("status", 500);
    model.addAttribute("message",
        "Runway failed to show this page; the error is logged. Retry, and report it if it persists.");
    return "console/error";
  }
}

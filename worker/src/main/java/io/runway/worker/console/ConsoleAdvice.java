package io.runway.worker.console;

import io.runway.lifecycle.model.Actor;
import io.runway.worker.security.Actors;
import io.runway.worker.security.Groups;
import io.runway.worker.web.ApiProblem;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page knows about the signed-in person, and errors as a page rather than the
 * API's problem+json (this advice runs before the API's for console controllers only).
 */
@ControllerAdvice(basePackageClasses = ConsoleAdvice.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleAdvice {

  private static final Logger log = LoggerFactory.getLogger(ConsoleAdvice.class);

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

  @ExceptionHandler(ApiProblem.class)
  String problem(ApiProblem problem, Model model, HttpServletResponse response) {
    response.setStatus(problem.status().value());
    model.addAttribute("status", problem.status().value());
    model.addAttribute("message", problem.getMessage());
    return "console/error";
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

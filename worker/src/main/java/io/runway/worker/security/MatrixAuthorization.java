package io.runway.worker.security;

import java.util.Optional;
import java.util.function.Supplier;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

/**
 * The security chain's check, built from {@link AccessMatrix}: a request to a declared endpoint passes
 * only when one of the caller's groups may reach it. Undeclared API paths need only a user (they end in
 * 404 or 405); a test keeps every controller mapping declared.
 */
final class MatrixAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

  /** A refusal that carries the matrix's reason to the access-denied handler. */
  static final class Denied extends AuthorizationDecision {
    final String reason;

    Denied(String reason) {
      super(false);
      this.reason = reason;
    }
  }

  @Override
  public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
    Authentication user = authentication.get();
    if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
      return new AuthorizationDecision(false);
    }
    var request = context.getRequest();
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Optional<String> refusal =
        AccessMatrix.ruleFor(request.getMethod(), path).flatMap(rule -> rule.refusal(Actors.of(user)));
    return refusal.<AuthorizationResult>map(Denied::new).orElseGet(() -> new AuthorizationDecision(true));
  }
}

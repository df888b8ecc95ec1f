package io.runway.worker.security;

import io.runway.worker.web.ProblemResponses;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The API's filter chain: stateless, authenticated by the mode's {@link ApiLogin} (HTTP Basic for the
 * demo users, bearer JWTs in oidc mode), authorised by {@link AccessMatrix}, security headers on every
 * response, problem+json for 401, 403 and 429. It matches every path, so it comes last: chains with
 * their own matchers (the console's) must be ordered before it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

  @Bean
  @Order(Ordered.LOWEST_PRECEDENCE)
  SecurityFilterChain apiSecurity(HttpSecurity http, ApiLogin login, ProblemResponses problems) throws Exception {
    SecurityHeaders.apply(http);
    // /codec/**: Temporal's codec server protocol (io.runway.worker.codec), called cross-origin by the
    // Temporal UI; its CORS rules are the corsConfigurationSource bean
    http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/codec/**"))
        .cors(Customizer.withDefaults())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(requests -> {
          publicPaths(requests);
          requests.requestMatchers("/api/**").access(new MatrixAuthorization()).anyRequest().authenticated();
        })
        .exceptionHandling(handling -> handling
            .authenticationEntryPoint((request, response, e) -> unauthenticated(problems, login, request, response, e))
            .accessDeniedHandler((request, response, e) -> denied(problems, request, response, e)));
    login.configure(http, (request, response, e) -> unauthenticated(problems, login, request, response, e));
    return http.build();
  }

  /** {@link AccessMatrix#PUBLIC}: each is protected by something other than a user (a signature, the network). */
  private static void publicPaths(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry requests) {
    AccessMatrix.PUBLIC.forEach(p -> {
      String pattern = p.path().replaceAll("\\{[^}]+}", "*");
      if (p.method() == null) {
        requests.requestMatchers(pattern).permitAll();
      } else {
        requests.requestMatchers(p.method(), pattern).permitAll();
      }
    });
  }

  private static void unauthenticated(ProblemResponses problems, ApiLogin login, HttpServletRequest request,
      HttpServletResponse response, AuthenticationException e) throws IOException {
    if (e instanceof LoginThrottledException throttled) {
      response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(throttled.retryAfterSeconds()));
      problems.write(response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage()
          + " Sign-in for this user from this address is paused after repeated failures; a correct password does not"
          + " lift it early.");
      return;
    }
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, login.challenge());
    String detail = login.challenge().startsWith("Bearer")
        ? "Authentication required: send a bearer token from Runway's identity provider" + tokenProblem(e) + "."
        : "Authentication required: send HTTP Basic credentials of a Runway user.";
    problems.write(response, HttpStatus.UNAUTHORIZED, detail);
  }

  /** Why a token was refused (expired, wrong issuer or audience, bad signature): the caller can fix that. */
  private static String tokenProblem(AuthenticationException e) {
    return e instanceof InvalidBearerTokenException
        ? "; this one was refused: " + e.getMessage()
        : "";
  }

  private static void denied(ProblemResponses problems, HttpServletRequest request, HttpServletResponse response,
      AccessDeniedException e) throws IOException {
    String detail = e instanceof AuthorizationDeniedException d && d.getAuthorizationResult() instanceof MatrixAuthorization.Denied m
        ? m.reason
        : "You are not allowed to do this.";
    problems.write(response, HttpStatus.FORBIDDEN, detail);
  }
}

package io.runway.worker.runtime;

import io.runway.worker.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A worker-only process ({@code runway.roles=worker}) serves actuator and nothing else: every other
 * path answers 404 problem+json before security or any controller sees it, so a load balancer that
 * sends API traffic to a worker replica gets a clear answer instead of a half-working API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "runway.role.api", havingValue = false)
class WorkerOnlyConfiguration {

  static final String DETAIL =
      "This instance runs the worker role only (runway.roles=worker); send API requests to an api instance.";

  @Bean
  FilterRegistrationBean<OncePerRequestFilter> workerOnlyFilter(ProblemResponses problems) {
    OncePerRequestFilter filter =
        new OncePerRequestFilter() {
          @Override
          protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
              throws ServletException, IOException {
            String path = request.getRequestURI().substring(request.getContextPath().length());
            if (path.equals("/actuator") || path.startsWith("/actuator/") || path.equals("/error")) {
              chain.doFilter(request, response);
            } else {
              problems.write(response, HttpStatus.NOT_FOUND, DETAIL);
            }
          }
        };
    FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(filter);
    registration.setName("workerOnlyFilter");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }
}

package io.runway.worker.observability;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Puts the initiative of an API request ({@code /api/v1/initiatives/{key}/...}) into the MDC for
 * the request's log lines, the error handler's included: it runs before the MDC is cleared.
 */
@Configuration(proxyBeanMethods = false)
class RequestLogContext implements WebMvcConfigurer, HandlerInterceptor {

  private static final String INITIATIVE_PATH_VARIABLE = "key";

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).addPathPatterns("/api/v1/initiatives/**");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
    if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
        && variables.get(INITIATIVE_PATH_VARIABLE) instanceof String key) {
      LogContext.forInitiative(key);
    }
    return true;
  }

  @Override
  public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
    LogContext.clear();
  }
}

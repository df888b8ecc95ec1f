package io.runway.worker.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.List;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * {@code ?overdue=} or {@code ?page=}: an empty value for a parameter that is a number, a yes/no or
 * one of a list. Spring reads it as "not given" and answers as if it were absent, which hides a caller's
 * mistake (a template that did not fill the value in); it is refused instead, as any other value that
 * is not of the parameter's type. Text parameters may be empty.
 */
@Configuration(proxyBeanMethods = false)
class EmptyParameters implements WebMvcConfigurer {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(new Refusal()).addPathPatterns("/api/**");
  }

  private static final class Refusal implements HandlerInterceptor {
    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
      if (!(handler instanceof HandlerMethod method)) {
        return true;
      }
      for (MethodParameter parameter : method.getMethodParameters()) {
        RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
        Class<?> type = parameter.getParameterType();
        if (param == null || CharSequence.class.isAssignableFrom(type) || type.getName().startsWith("org.springframework")) {
          continue;
        }
        String name = param.name().isEmpty() ? param.value().isEmpty() ? parameter.getParameterName() : param.value() : param.name();
        String[] values = name == null ? null : request.getParameterValues(name);
        if (values == null || Arrays.stream(values).noneMatch(String::isBlank)) {
          continue;
        }
        throw refusal(name, type);
      }
      return true;
    }

    private static ApiProblem refusal(String name, Class<?> type) {
      if (type.isEnum()) {
        List<String> allowed = Arrays.stream(type.getEnumConstants()).map(Object::toString).toList();
        String message = "is empty; give one of " + allowed + ", or leave the parameter out";
        return new ApiProblem(HttpStatus.UNPROCESSABLE_CONTENT, name + ": " + message,
            List.of(new ApiProblem.FieldProblem(name, message, allowed)));
      }
      String expected = type == boolean.class || type == Boolean.class ? "true or false" : "a number";
      return new ApiProblem(HttpStatus.BAD_REQUEST,
          "Parameter '" + name + "' is empty; give " + expected + ", or leave the parameter out.", null);
    }
  }
}

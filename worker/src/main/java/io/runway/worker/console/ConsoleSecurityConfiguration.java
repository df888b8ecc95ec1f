package io.runway.worker.console;

import io.runway.worker.security.ConsoleLogin;
import io.runway.worker.security.SecurityHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;

/**
 * The console's own filter chain, ahead of the API's: people sign in once and keep a session, so
 * every form carries a CSRF token. The API chain stays stateless HTTP Basic for everything else.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurityConfiguration {

  /** The site icon browsers fetch for every page: without it here, the API chain answered 401 with a Basic challenge. */
  static final String SITE_ICON = "/favicon.ico";

  static final String[] CONSOLE_PATHS = {"/", "/console", "/console/**", "/login", "/logout", SITE_ICON};

  @Bean
  @Order(1)
  SecurityFilterChain consoleSecurity(HttpSecurity http, ConsoleLogin login) throws Exception {
    http.securityMatcher(CONSOLE_PATHS)
        .authorizeHttpRequests(
            requests -> requests.requestMatchers("/login", "/console/assets/**", SITE_ICON).permitAll().anyRequest().authenticated())
        // htmx swaps fragments: when the session has expired, send the browser to the login page
        // instead of swapping the login page into the inbox
        .exceptionHandling(
            handling ->
                handling.defaultAuthenticationEntryPointFor(
                    (request, response, e) -> {
                      response.setHeader("HX-Redirect", "/login");
                      response.sendError(HttpStatus.UNAUTHORIZED.value());
                    },
                    new RequestHeaderRequestMatcher("HX-Request", "true")))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?signedOut").permitAll());
    // the same headers as the API (CSP with same-origin scripts and styles, no framing, ...)
    SecurityHeaders.apply(http);
    login.configure(http);
    return http.build();
  }
}

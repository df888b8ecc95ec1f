package io.runway.worker.security;

import io.runway.worker.web.ProblemResponses;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/** HTTP Basic, stateless, problem+json for 401/403. Who the users are depends on the profile. */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

  private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

  @Bean
  SecurityFilterChain apiSecurity(HttpSecurity http, ProblemResponses problems) throws Exception {
    // /codec/**: Temporal's codec server protocol (io.runway.worker.codec), called cross-origin by the
    // Temporal UI; its CORS rules are the corsConfigurationSource bean
    return http.csrf(csrf -> csrf.ignoringRequestMatchers("/api/**", "/codec/**"))
        .cors(Customizer.withDefaults())
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/actuator/health/**", "/error")
                    .permitAll()
                    // Prometheus scrapes without credentials; counts only, no initiative data (keep the
                    // port off the public network, or move actuator to management.server.port)
                    .requestMatchers(HttpMethod.GET, "/actuator/prometheus")
                    .permitAll()
                    // senders authenticate by signing the body (checked by the webhook intake), not as users;
                    // CSRF is already off for /api/**, and the delivery log (GET) still needs a user
                    .requestMatchers(HttpMethod.POST, "/api/v1/webhooks/*")
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .httpBasic(basic -> basic.authenticationEntryPoint((request, response, e) -> unauthorized(problems, response)))
        .exceptionHandling(
            handling ->
                handling
                    .authenticationEntryPoint((request, response, e) -> unauthorized(problems, response))
                    .accessDeniedHandler(
                        (request, response, e) ->
                            problems.write(response, HttpStatus.FORBIDDEN, "You are not allowed to do this.")))
        .build();
  }

  private static void unauthorized(ProblemResponses problems, jakarta.servlet.http.HttpServletResponse response)
      throws java.io.IOException {
    response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"runway\"");
    problems.write(
        response, HttpStatus.UNAUTHORIZED, "Authentication required: send HTTP Basic credentials of a Runway user.");
  }

  /**
   * Demo users, embedded profile only. Passwords are {noop} on purpose: every stateless request
   * re-authenticates, and a bcrypt check per request would dominate API latency for a demo login.
   * Only the lookup is exposed: the manager is also a password service, and Spring Security would
   * then "upgrade" each {noop} password to bcrypt at first login (the benchmark found 77 % of the
   * app's CPU in BCrypt.matches until this was a plain UserDetailsService).
   */
  @Bean
  @Profile("embedded")
  UserDetailsService demoUsers() {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
        DemoUsers.all().stream()
            .map(user -> User.withUsername(user.username()).password("{noop}" + DemoUsers.PASSWORD).authorities(user.group()).build())
            .toList());
    return users::loadUserByUsername;
  }

  /**
   * Identity seam for the external profile: no users are configured until OIDC is added, so every
   * API call is refused with 401. Replace this bean with the OIDC resource-server configuration.
   */
  @Bean
  @Profile("!embedded")
  UserDetailsService externalIdentityNotYetConfigured() {
    log.warn("No identity provider is configured for this profile: every API call will be refused with 401.");
    return new InMemoryUserDetailsManager();
  }
}

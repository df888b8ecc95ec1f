package io.runway.worker.security;

import java.time.Clock;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.NoOpPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;

/**
 * runway.auth.mode=demo: the built-in demo users over HTTP Basic, throttled. {@link AuthModeCheck}
 * refuses to start this mode outside the embedded profile.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = AuthProperties.MODE, havingValue = AuthProperties.DEMO)
class DemoIdentityConfiguration {

  @Bean
  LoginThrottle loginThrottle(AuthProperties auth) {
    return new LoginThrottle(auth.throttle().maxFailures(), auth.throttle().window(), Clock.systemUTC());
  }

  /**
   * Passwords are {noop} on purpose: every stateless request re-authenticates, and a bcrypt check per
   * request would dominate API latency for a demo login. Only the lookup is handed to the provider: the
   * manager is also a password service, and Spring Security would then "upgrade" each {noop} password to
   * bcrypt at first login (the benchmark found 77 % of the app's CPU in BCrypt.matches until it was not).
   * The provider is the one password check of the app, so the console's form login is throttled too.
   */
  @Bean
  AuthenticationProvider demoUsers(LoginThrottle throttle) {
    InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(
        DemoUsers.all().stream()
            .map(user -> User.withUsername(user.username()).password("{noop}" + DemoUsers.PASSWORD).authorities(user.group()).build())
            .toList());
    DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users::loadUserByUsername);
    passwords.setPasswordEncoder(DEMO_PASSWORDS);
    return new ThrottledAuthenticationProvider(passwords, throttle);
  }

  /**
   * {noop} for encoding too: for an unknown username the provider checks the password against a
   * dummy it encodes with this, so that the answer takes as long as for a known one. With the default
   * encoder (bcrypt) unknown names took about 70 ms and known ones 3 ms, which told them apart.
   */
  @SuppressWarnings("deprecation")
  static final PasswordEncoder DEMO_PASSWORDS =
      new DelegatingPasswordEncoder("noop", Map.of("noop", NoOpPasswordEncoder.getInstance()));

  @Bean
  ApiLogin httpBasic() {
    return new ApiLogin() {
      @Override
      public void configure(HttpSecurity http, AuthenticationEntryPoint entryPoint) throws Exception {
        http.httpBasic(basic -> basic.authenticationEntryPoint(entryPoint));
      }

      @Override
      public String challenge() {
        return "Basic realm=\"runway\"";
      }
    };
  }
}

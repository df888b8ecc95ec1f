package io.runway.worker.console;

import io.runway.worker.security.ConsoleLogin;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.stereotype.Component;

/** Sign-in with Runway's own login page against the configured users (the demo users when embedded). */
@Component
@ConditionalOnProperty(name = "runway.auth.mode", havingValue = "demo", matchIfMissing = true)
class FormConsoleLogin implements ConsoleLogin {

  @Override
  public void configure(HttpSecurity http) throws Exception {
    http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console/inbox").permitAll());
  }
}

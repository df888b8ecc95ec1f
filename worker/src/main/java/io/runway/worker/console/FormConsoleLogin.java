package io.runway.worker.console;

import io.runway.worker.audit.AuditNotes;
import io.runway.worker.security.ConsoleLogin;
import io.runway.worker.security.LoginThrottledException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.stereotype.Component;

/** Sign-in with Runway's own login page against the configured users (the demo users when embedded). */
@Component
@ConditionalOnProperty(name = "runway.auth.mode", havingValue = "demo", matchIfMissing = true)
class FormConsoleLogin implements ConsoleLogin {

  @Override
  public void configure(HttpSecurity http) throws Exception {
    // to the login page by a relative address: the Host header a request carries is not echoed back
    LoginUrlAuthenticationEntryPoint toLogin = new LoginUrlAuthenticationEntryPoint("/login");
    toLogin.setFavorRelativeUris(true);
    http.exceptionHandling(handling -> handling.defaultAuthenticationEntryPointFor(toLogin, AnyRequestMatcher.INSTANCE));
    http.formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/console/inbox").permitAll()
        // the demo users' sign-in throttle (LoginThrottle) also guards this form: say how long to wait
        .failureHandler((request, response, e) -> {
          AuditNotes.signInRefused("console sign-in of '" + request.getParameter("username") + "' refused: "
              + (e instanceof LoginThrottledException ? "throttled" : "bad credentials"));
          response.sendRedirect(e instanceof LoginThrottledException throttled
              ? "/login?throttled=" + throttled.retryAfterSeconds()
              : "/login?error");
        }));
  }
}

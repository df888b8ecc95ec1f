package io.runway.worker.console;

import io.runway.worker.security.DemoUsers;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The sign-in page, and the console's landing page for the site root. */
@Controller
class LoginController {

  private final boolean demoMode;

  LoginController(Environment environment) {
    // demo users exist only in the embedded profile, and only form login signs them in
    this.demoMode = environment.acceptsProfiles(Profiles.of("embedded"))
        && "demo".equals(environment.getProperty("runway.auth.mode", "demo"));
  }

  /**
   * {@code throttled} is how many seconds the form's throttle asked to wait: shown only as that number
   * (1 s to a day), so a link cannot make the sign-in page say anything else.
   */
  @GetMapping("/login")
  String login(@RequestParam(required = false) String throttled, Model model) {
    model.addAttribute("throttledSeconds", seconds(throttled));
    model.addAttribute("demoMode", demoMode);
    if (demoMode) {
      model.addAttribute("demoUsers", DemoUsers.all().stream().filter(u -> u.username().endsWith("-1")).toList());
      model.addAttribute("demoPassword", DemoUsers.PASSWORD);
    }
    return "console/login";
  }

  private static Long seconds(String text) {
    if (text == null || !text.matches("\\d{1,5}")) {
      return null;
    }
    long seconds = Long.parseLong(text);
    return seconds >= 1 && seconds <= 86_400 ? seconds : null;
  }

  @GetMapping({"/", "/console"})
  String home() {
    return "redirect:/console/inbox";
  }
}

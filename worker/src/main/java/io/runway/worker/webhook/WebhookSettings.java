package io.runway.worker.webhook;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Per-source secrets ({@code runway.webhooks.<source>.secret}, from the environment only) and the
 * Alertmanager label that names the initiative. Secrets are read here and nowhere else, never logged.
 */
@Component
class WebhookSettings {

  private final Environment environment;

  WebhookSettings(Environment environment) {
    this.environment = environment;
  }

  /** Empty when the source has no secret: every delivery from it is then refused. */
  Optional<byte[]> secret(WebhookSource source) {
    String secret = environment.getProperty("runway.webhooks." + source.id() + ".secret", "");
    return secret.isBlank() ? Optional.empty() : Optional.of(secret.getBytes(StandardCharsets.UTF_8));
  }

  String initiativeLabel() {
    return environment.getProperty("runway.webhooks.monitoring.initiative-label", "initiative");
  }

  static String environmentVariable(WebhookSource source) {
    return "RUNWAY_WEBHOOKS_" + source.name() + "_SECRET";
  }
}

package io.runway.worker.security;

import java.util.Locale;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Refuses to start with demo users anywhere but the embedded profile, before any bean exists: their
 * password is printed in the README. Also refuses a mode that is neither demo nor oidc.
 */
public class AuthModeCheck implements EnvironmentPostProcessor {

  static final String EMBEDDED = "embedded";

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    check(environment.getProperty(AuthProperties.MODE, AuthProperties.OIDC), environment.matchesProfiles(EMBEDDED));
  }

  static void check(String mode, boolean embedded) {
    String normalised = mode.trim().toLowerCase(Locale.ROOT);
    if (!normalised.equals(AuthProperties.DEMO) && !normalised.equals(AuthProperties.OIDC)) {
      throw new IllegalStateException(AuthProperties.MODE + " is '" + mode + "'; use oidc (an OpenID Connect provider) "
          + "or demo (built-in demo users, embedded profile only)");
    }
    if (normalised.equals(AuthProperties.DEMO) && !embedded) {
      throw new IllegalStateException(AuthProperties.MODE + "=demo is only allowed in the embedded profile: the demo "
          + "users' password is public. Set RUNWAY_AUTH_MODE=oidc and RUNWAY_AUTH_OIDC_ISSUER_URI / "
          + "RUNWAY_AUTH_OIDC_AUDIENCES for your identity provider (see docs/security.md, Identity and access).");
    }
  }
}

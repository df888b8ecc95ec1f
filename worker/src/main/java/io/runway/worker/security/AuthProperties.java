package io.runway.worker.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code runway.auth.*}: how callers prove who they are. {@code mode} is {@code demo} (built-in demo
 * users over HTTP Basic; embedded profile only) or {@code oidc} (JWTs from the organisation's OpenID
 * Connect provider; the default outside the embedded profile).
 */
@ConfigurationProperties("runway.auth")
public record AuthProperties(@DefaultValue("oidc") String mode, @DefaultValue Oidc oidc, @DefaultValue Throttle throttle) {

  public static final String MODE = "runway.auth.mode";
  public static final String DEMO = "demo";
  public static final String OIDC = "oidc";

  /**
   * The identity provider. {@code groupMapping} maps an IdP group (or role) to a Runway group; a claim
   * value that already is a Runway group name maps to itself.
   */
  public record Oidc(
      String issuerUri,
      String jwkSetUri,
      @DefaultValue List<String> audiences,
      @DefaultValue("groups") String groupsClaim,
      @DefaultValue("preferred_username") String usernameClaim,
      @DefaultValue Map<String, String> groupMapping,
      String clientId,
      String clientSecret,
      @DefaultValue({"openid", "profile", "email"}) List<String> scopes) {}

  /** Failed demo sign-ins allowed per username within the window before it is refused with 429. */
  public record Throttle(@DefaultValue("5") int maxFailures, @DefaultValue("5m") Duration window) {}
}
